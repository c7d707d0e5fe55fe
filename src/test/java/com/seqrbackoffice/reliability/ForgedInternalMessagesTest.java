package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * A status poll or report request that did not come from the app (its properties or fields do not match the
 * ledger) changes nothing and is dead-lettered with the reason; the real ones go on.
 */
class ForgedInternalMessagesTest extends FlowTestSupport {

    private static final String CASE = "forgedCase";

    @BeforeAll
    static void start() {
        startApp(Map.of("reporting.terminal-periods", "false"));
    }

    @Test
    void forgedStatusPollsChangeNoPaymentAndAreDeadLetteredWithTheReason() {
        String terminalA = registeredTerminal();
        String terminalB = registeredTerminal();
        String orderX = unique("order");
        String invoiceX = issuedPayment(terminalA, orderX, "100.00");
        String orderY = unique("order");
        String invoiceY = reservedPayment(terminalB, orderY, "80.00");
        long deadlineX = confirmDeadlineMillis(orderX);

        // X paired with Y's reserved invoice would record Y's RESERVED on X; an early deadline would cancel X
        forgedPoll("the invoice of another payment", orderX, terminalB, invoiceY, deadlineX);
        forgedPoll("an early deadline", orderX, terminalA, invoiceX, 1);
        forgedPoll("an order without payment", unique("order"), terminalA, invoiceX, deadlineX);

        for (String name : List.of("the invoice of another payment", "an early deadline", "an order without payment")) {
            TillClient.Received letter = till.receive(queue("dead-letter"), CASE + " = '" + name + "'", EVENT_TIMEOUT);
            assertThat(letter).as("dead letter of the poll with " + name).isNotNull();
            assertThat(letter.properties()).containsEntry("deadLetterCode", "FORGED_STATUS_POLL")
                    .containsEntry("deadLetterRoute", "poll-payment-status");
            assertThat(letter.properties().get("deadLetterReason")).contains(letter.properties().get("orderId"));
        }
        assertThat(paymentStatus(orderX)).isEqualTo("ISSUED");
        assertThat(ledgerEntries(orderX)).isEmpty();
        assertThat(emulator().counters().cancels(invoiceX)).isZero();

        emulator().confirm(invoiceX);
        awaitStatus(orderX, "RESERVED");
        System.out.println("forged messages: 3 forged status polls (another payment's invoice, an early deadline, an"
                + " unknown order) dead-lettered as FORGED_STATUS_POLL; the payment stayed ISSUED with no ledger entry"
                + " and no cancel, then RESERVED by its own polls");
    }

    @Test
    void aStatusPollLackingAFieldIsDeadLetteredNamingIt() {
        String terminal = registeredTerminal();
        String order = unique("order");
        String invoice = issuedPayment(terminal, order, "40.00");

        sendStatusPoll(order, terminal, invoice, null, Map.of(CASE, "no deadline"));

        TillClient.Received letter = till.receive(queue("dead-letter"), CASE + " = 'no deadline'", EVENT_TIMEOUT);
        assertThat(letter).as("dead letter of the poll without a deadline").isNotNull();
        assertThat(letter.properties()).containsEntry("deadLetterCode", "MALFORMED_MESSAGE")
                .containsEntry("deadLetterRoute", "poll-payment-status")
                .containsEntry("deadLetterReason", "the status poll lacks confirmDeadline");
        assertThat(paymentStatus(order)).isEqualTo("ISSUED");
        emulator().confirm(invoice);
        awaitStatus(order, "RESERVED");
    }

    @Test
    void forgedReportRequestsFetchNothingAndAreDeadLetteredWithTheReason() {
        app.producer().sendBody("direct:mark-transaction-periods", Date.from(Instant.parse("2026-02-01T00:05:00Z")));
        String periodId = (String) rows("select transaction_period_id from transaction_periods where period_key = ?",
                "SHOP:2026-02-01T00:05:00Z").get(0).get("transaction_period_id");
        String terminal = registeredTerminal();

        forgedReport("an unmarked period", """
                {"transactionPeriodId": "4711", "scope": "SHOP", "reportId": "%s", "attempt": 1}
                """.formatted(app.setting("reporting.shop-report-id")));
        forgedReport("another terminal", """
                {"transactionPeriodId": "%s", "scope": "TERMINAL", "terminalId": "%s", "seqrTerminalId": "x",
                 "reportId": "%s", "attempt": 1}
                """.formatted(periodId, terminal, app.setting("reporting.terminal-report-id")));
        forgedReport("another report", """
                {"transactionPeriodId": "%s", "scope": "SHOP", "reportId": "Other.xml", "attempt": 1}
                """.formatted(periodId));

        for (String name : List.of("an unmarked period", "another terminal", "another report")) {
            TillClient.Received letter = till.receive(queue("dead-letter"), CASE + " = '" + name + "'", EVENT_TIMEOUT);
            assertThat(letter).as("dead letter of the report request with " + name).isNotNull();
            assertThat(letter.properties()).containsEntry("deadLetterCode", "FORGED_REPORT_REQUEST")
                    .containsEntry("deadLetterRoute", "fetch-and-reconcile-report");
            assertThat(letter.properties().get("deadLetterReason")).contains("SEQR period");
        }
        // the period's own request still fetches its report, and only the plan's
        assertThat(till.receive(queue("reconciliation"), "transactionPeriodId = '" + periodId + "'", EVENT_TIMEOUT)).isNotNull();
        assertThat(rows("select report_id from seqr_reports where transaction_period_id = ?", periodId))
                .extracting(row -> row.get("report_id")).containsOnly(app.setting("reporting.shop-report-id"));
        assertThat(rows("select report_id from seqr_reports where transaction_period_id = '4711'")).isEmpty();
        System.out.println("forged messages: 3 forged report requests (an unmarked period, another terminal, another"
                + " report) dead-lettered as FORGED_REPORT_REQUEST; no report stored for them, the period's own stored");
    }

    private static void forgedPoll(String name, String orderId, String terminalId, String invoiceReference, long deadline) {
        sendStatusPoll(orderId, terminalId, invoiceReference, deadline, Map.of(CASE, name));
    }

    private static void forgedReport(String name, String json) {
        till.send(queue("report-requests"), json, Map.of(CASE, name));
    }
}
