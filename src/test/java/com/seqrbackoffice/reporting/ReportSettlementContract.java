package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.client.SeqrResultCode;
import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * Unknown outcomes settled from SEQR's next reconciliation report, through the real routes: a refund whose answer
 * was lost (made), a refund answered 90 SYSTEM_ERROR that SEQR did not make, and a commit whose answer was lost and
 * whose fulfilment was then dead-lettered. Each test's shop period is reconciled by the report request route; its
 * summary on the reconciliation queue lists what it settled. Subclasses run it on H2 and on PostgreSQL.
 */
abstract class ReportSettlementContract extends FlowTestSupport {

    /** Report timings as in ReconciliationFlowContract; a 1 s settle window; dead letters at the third delivery. */
    static Map<String, String> settlementSettings() {
        Map<String, String> settings = new HashMap<>(ReconciliationFlowContract.reportingSettings());
        settings.put("reporting.terminal-periods", "false");
        settings.put("reconciliation.settle-seconds", "1");
        settings.put("errors.dead-letter-at-attempt", "3");
        // the test acknowledges nothing itself: SEQR's 20-second reversal of an unacknowledged commit is not the point
        settings.put("seqr.emulator.reversal-seconds", "3600");
        return settings;
    }

    @AfterEach
    void clearFaults() {
        emulator().clearFaults();
    }

    @Test
    void aRefundWhoseAnswerWasLostIsBookedFromTheReport() throws InterruptedException {
        String terminal = registeredTerminal();
        String orderId = paid(terminal, "100.00");
        String refundId = unique("refund");
        emulator().setFault(FaultSpec.dropResponse("refundPayment", 3_000, 1));
        till.send(queue("refunds"), refund(refundId, orderId, "30.00"));
        assertThat(awaitError(orderId).field("code")).isEqualTo("REFUND_OUTCOME_UNKNOWN");

        TillClient.Received summary = reconcileShopPeriod("2026-03-01T00:05:00Z");

        assertThat(summary.field("outcome")).isEqualTo("CLEAN");
        assertThat(settlements(summary)).containsExactly("REFUND_MADE " + orderId + " " + refundId + " 30.00");
        TillClient.Received refunded = awaitStatus(orderId, "REFUNDED");
        assertThat(refunded.field("refundId")).isEqualTo(refundId);
        assertThat(rows("select status from refunds where refund_id = ?", refundId))
                .extracting(row -> row.get("status")).containsExactly("REFUNDED");
        assertThat(rows("select entry_type, amount, source_report_pk from ledger_entries where order_id = ?"
                + " and entry_type = 'REFUND'", orderId)).singleElement()
                .satisfies(row -> assertThat(row.get("source_report_pk")).isNotNull());
        assertThat(emulator().counters().calls("refundPayment")).as("never sent again").isEqualTo(1);
        System.out.println("Settlement: a refund whose answer was lost REFUNDED from the next report (entry sourced from"
                + " it, REFUNDED event, summary CLEAN), refundPayment called once");
    }

    @Test
    void aRefundSeqrDidNotMakeIsRefusedFromTheReportAndANewOneMayFollow() throws InterruptedException {
        String terminal = registeredTerminal();
        String orderId = paid(terminal, "100.00");
        String refundId = unique("refund");
        emulator().setFault(FaultSpec.resultCode("refundPayment", SeqrResultCode.SYSTEM_ERROR.code(), 1));
        till.send(queue("refunds"), refund(refundId, orderId, "30.00"));
        assertThat(awaitError(orderId).field("code")).isEqualTo("REFUND_OUTCOME_UNKNOWN");

        TillClient.Received summary = reconcileShopPeriod("2026-03-02T00:05:00Z");

        assertThat(summary.field("outcome")).isEqualTo("CLEAN");
        assertThat(settlements(summary)).containsExactly("REFUND_NOT_MADE " + orderId + " " + refundId + " 30.00");
        assertThat(rows("select status, failure from refunds where refund_id = ?", refundId)).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("REFUSED");
                    assertThat((String) row.get("failure")).contains("not made");
                });
        String again = unique("refund");
        till.send(queue("refunds"), refund(again, orderId, "30.00"));
        assertThat(awaitStatus(orderId, "REFUNDED").field("refundId")).isEqualTo(again);
        System.out.println("Settlement: a refund answered 90 that SEQR never made REFUSED from the next report"
                + " (REFUND_NOT_MADE); a new refund id then refunded");
    }

    @Test
    void aCommitWhoseAnswerWasLostIsBookedFromTheReport() throws InterruptedException {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "200.00");
        // the commit is made but its answer lost, and SEQR cannot tell its status until the fulfilment is dead-lettered
        emulator().setFault(FaultSpec.dropResponse("commitReservation", 3_000, 1));
        emulator().setFault(FaultSpec.soapFault("getPaymentStatus", 2));
        till.send(queue("fulfilment"), fulfilment(orderId, "150.00"));
        assertThat(awaitError(orderId).field("code")).isEqualTo("PROCESSING_FAILED");
        assertThat(paymentStatus(orderId)).isEqualTo("RESERVED");

        TillClient.Received summary = reconcileShopPeriod("2026-03-03T00:05:00Z");

        assertThat(summary.field("outcome")).isEqualTo("CLEAN");
        assertThat(settlements(summary)).containsExactly("COMMIT_MADE " + orderId + " null 150.00");
        assertThat(awaitStatus(orderId, "PAID").money("finalAmount")).isEqualTo("150.00 SEK");
        assertThat(paymentStatus(orderId)).isEqualTo("PAID");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 200", "CAPTURE 150", "RELEASE 50");
        assertThat(emulator().counters().commits(invoiceReference)).isEqualTo(1);
        System.out.println("Settlement: a commit whose answer was lost, its fulfilment dead-lettered, PAID from the next"
                + " report (CAPTURE 150, RELEASE 50 sourced from it, PAID event), committed once");
    }

    private static String paid(String terminal, String amount) {
        String orderId = unique("order");
        reservedPayment(terminal, orderId, amount);
        till.send(queue("fulfilment"), fulfilment(orderId, amount));
        awaitStatus(orderId, "PAID");
        return orderId;
    }

    private static String refund(String refundId, String orderId, String amount) {
        return """
                {"messageId": "%s", "refundId": "%s", "orderId": "%s", "amount": {"value": "%s", "currency": "SEK"}}
                """.formatted(unique("r"), refundId, orderId, amount);
    }

    /** Marks the shop period a little after the unknown outcome (past the settle window) and awaits its summary. */
    private static TillClient.Received reconcileShopPeriod(String scheduledFireTime) throws InterruptedException {
        Thread.sleep(1_500); // the settle window: SEQR's period must be cut after the call surely ended
        app.producer().sendBody("direct:mark-transaction-periods", Date.from(Instant.parse(scheduledFireTime)));
        TillClient.Received summary = till.receive(queue("reconciliation"), "scope = 'SHOP'", Duration.ofSeconds(30));
        assertThat(summary).as("the shop period's summary").isNotNull();
        return summary;
    }

    @SuppressWarnings("unchecked")
    private static List<String> settlements(TillClient.Received summary) {
        return ((List<Map<String, Object>>) summary.json().get("settlements")).stream()
                .map(s -> s.get("kind") + " " + s.get("orderId") + " " + s.get("refundId") + " " + s.get("amount"))
                .toList();
    }
}
