package com.seqrbackoffice.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/** Refunds end to end: real routes, embedded broker, H2 ledger, emulator over HTTP. */
class RefundFlowTest extends FlowTestSupport {

    private static String terminal;

    @BeforeAll
    static void start() {
        startApp(Map.of());
        terminal = registeredTerminal();
    }

    @AfterEach
    void clearFaults() {
        emulator().clearFaults();
    }

    @Test
    void twoPartialRefundsAreMadeAndAnOverRefundIsRefusedBeforeSeqrIsCalled() {
        String orderId = unique("order");
        String invoiceReference = paidPayment(orderId, "500.00", "420.00");

        till.send(queue("refunds"), refund("refund-a-" + orderId, orderId, "100.00"));
        TillClient.Received first = awaitStatus(orderId, "REFUNDED");
        assertThat(first.field("refundId")).isEqualTo("refund-a-" + orderId);
        assertThat(first.money("amount")).isEqualTo("100.00 SEK");
        assertThat(first.field("ersReference")).isNotBlank();

        till.send(queue("refunds"), refund("refund-b-" + orderId, orderId, "300.00"));
        TillClient.Received second = awaitStatus(orderId, "REFUNDED");
        assertThat(second.field("refundId")).isEqualTo("refund-b-" + orderId);
        assertThat(second.money("amount")).isEqualTo("300.00 SEK");

        // 420 captured, 400 refunded: 20.01 is too much
        till.send(queue("refunds"), refund("refund-c-" + orderId, orderId, "20.01"));
        TillClient.Received refused = awaitError(orderId);
        assertThat(refused.field("code")).isEqualTo("REFUND_EXCEEDS_CAPTURED");
        assertThat(refused.field("message")).contains("20.01 SEK", "20.00 SEK", "captured 420.00 SEK");

        assertThat(ledgerEntries(orderId))
                .containsExactly("RESERVATION 500", "CAPTURE 420", "RELEASE 80", "REFUND 100", "REFUND 300");
        assertThat(rows("select entry_key, refund_id, ers_reference from ledger_entries"
                + " where order_id = ? and entry_type = 'REFUND' order by id", orderId))
                .extracting(row -> row.get("entry_key"), row -> row.get("refund_id"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(orderId + ":REFUND:refund-a-" + orderId, "refund-a-" + orderId),
                        org.assertj.core.groups.Tuple.tuple(orderId + ":REFUND:refund-b-" + orderId, "refund-b-" + orderId));
        assertThat(emulator().counters().refunds(invoiceReference)).isEqualTo(2);
        assertThat(emulator().invoice(invoiceReference)).get()
                .extracting(invoice -> new BigDecimal(invoice.refundedAmount().value()))
                .satisfies(refunded -> assertThat(refunded).isEqualByComparingTo("400"));
    }

    @Test
    void aRepeatedRefundIdRefundsOnceAndIsAnnouncedAgain() {
        String orderId = unique("order");
        String invoiceReference = paidPayment(orderId, "200.00", "200.00");
        String refundId = unique("refund");

        till.send(queue("refunds"), refund(refundId, orderId, "50.00"));
        awaitStatus(orderId, "REFUNDED");
        // the same refund id in a new message (the back office retried)
        till.send(queue("refunds"), refund(refundId, orderId, "50.00"));
        TillClient.Received again = till.receive(queue("payment-events"),
                "orderId = '" + orderId + "' AND type = 'PAYMENT_STATUS'", Duration.ofSeconds(3));

        // the broker dropped the repeated event (same event id), and SEQR saw one refund
        assertThat(again).isNull();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(emulator().counters().refunds(invoiceReference)).isEqualTo(1));
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 200", "CAPTURE 200", "REFUND 50");
    }

    /**
     * Two deliveries of one refund message at once (a sender's resend, or the message a broker failover handed to a
     * second consumer while the first still waited for SEQR): the second finds the first one's claim without SEQR's
     * answer yet. It waits for that answer instead of calling the refund's outcome unknown.
     */
    @Test
    void aRefundMessageDeliveredTwiceAtOnceIsMadeOnceAndNotReportedUnknown() {
        String orderId = unique("order");
        String invoiceReference = paidPayment(orderId, "200.00", "200.00");
        emulator().setFault(FaultSpec.latency("refundPayment", 800));
        String refundId = unique("refund");
        String message = refund(refundId, orderId, "40.00");

        till.send(queue("refunds"), message);
        till.send(queue("refunds"), message);

        TillClient.Received refunded = awaitStatus(orderId, "REFUNDED");
        assertThat(refunded.field("refundId")).isEqualTo(refundId);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker().messageCount(queue("refunds")) == 0);
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "'", Duration.ofSeconds(1)))
                .as("no ERROR event, no second REFUNDED").isEmpty();
        assertThat(till.drain(queue("dead-letter"), "deadLetterQueue = '" + queue("refunds") + "'", Duration.ofMillis(500)))
                .as("nothing dead-lettered").isEmpty();
        assertThat(emulator().counters().refunds(invoiceReference)).isEqualTo(1);
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 200", "CAPTURE 200", "REFUND 40");
        assertThat(rows("select status from refunds where refund_id = ?", refundId))
                .extracting(row -> row.get("status")).containsExactly("REFUNDED");
    }

    @Test
    void aRefundByInvoiceReferenceOfAnUnpaidPaymentIsRefused() {
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "80.00");

        till.send(queue("refunds"), """
                {"messageId": "%s", "refundId": "%s", "invoiceReference": "%s",
                 "amount": {"value": "10.00", "currency": "SEK"}}
                """.formatted(unique("r"), unique("refund"), invoiceReference));

        // the message names no order, so its ERROR event carries none: find it by its code
        TillClient.Received deadLetter = till.receive(queue("dead-letter"), "deadLetterCode = 'PAYMENT_NOT_PAID'",
                EVENT_TIMEOUT);
        assertThat(deadLetter).as("dead letter PAYMENT_NOT_PAID").isNotNull();
        assertThat(deadLetter.properties().get("deadLetterReason")).contains(orderId, "RESERVED");
        assertThat(till.drain(queue("payment-events"), "type = 'ERROR'", Duration.ofSeconds(1)))
                .anySatisfy(error -> assertThat(error.field("code")).isEqualTo("PAYMENT_NOT_PAID"));
        assertThat(emulator().counters().refunds(invoiceReference)).isZero();
    }

    @Test
    void aRefundWhoseAnswerIsLostIsNotSentAgain() {
        String orderId = unique("order");
        String invoiceReference = paidPayment(orderId, "100.00", "100.00");
        // SEQR refunds but the answer comes after the client gave up
        emulator().setFault(FaultSpec.dropResponse("refundPayment", 3_000, 1));
        String refundId = unique("refund");

        till.send(queue("refunds"), refund(refundId, orderId, "30.00"));

        TillClient.Received error = awaitError(orderId);
        assertThat(error.field("code")).isEqualTo("REFUND_OUTCOME_UNKNOWN");
        assertThat(rows("select status from refunds where refund_id = ?", refundId))
                .extracting(row -> row.get("status")).containsExactly("OUTCOME_UNKNOWN");

        // the back office tries again with the same refund id: SEQR is not asked a second time
        till.send(queue("refunds"), refund(refundId, orderId, "30.00"));
        TillClient.Received again = awaitError(orderId);
        assertThat(again.field("code")).isEqualTo("REFUND_OUTCOME_UNKNOWN");
        // and the unknown refund still counts against what is left: 100 - 30 leaves 70
        till.send(queue("refunds"), refund(unique("refund"), orderId, "70.01"));
        assertThat(awaitError(orderId).field("code")).isEqualTo("REFUND_EXCEEDS_CAPTURED");

        assertThat(emulator().counters().refunds(invoiceReference)).isEqualTo(1);
        assertThat(ledgerEntries(orderId)).doesNotContain("REFUND 30");
    }

    @Test
    void seqrRefusingARefundIsRecordedAndReported() {
        String orderId = unique("order");
        String invoiceReference = paidPayment(orderId, "60.00", "60.00");
        emulator().setFault(FaultSpec.resultCode("refundPayment", 97, 1));
        String refundId = unique("refund");

        till.send(queue("refunds"), refund(refundId, orderId, "10.00"));

        TillClient.Received error = awaitError(orderId);
        assertThat(error.field("code")).isEqualTo("SEQR_RESELLER_NOT_ALLOWED_TO_DO_REFUND");
        assertThat(rows("select status from refunds where refund_id = ?", refundId))
                .extracting(row -> row.get("status")).containsExactly("REFUSED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 60", "CAPTURE 60");
        assertThat(emulator().counters().refunds(invoiceReference)).isEqualTo(1);
    }

    private static String paidPayment(String orderId, String reserved, String captured) {
        String invoiceReference = reservedPayment(terminal, orderId, reserved);
        till.send(queue("fulfilment"), fulfilment(orderId, captured));
        awaitStatus(orderId, "PAID");
        return invoiceReference;
    }

    static String refund(String refundId, String orderId, String amount) {
        return """
                {"messageId": "%s", "refundId": "%s", "orderId": "%s",
                 "amount": {"value": "%s", "currency": "SEK"}, "reason": "damaged item"}
                """.formatted(unique("r"), refundId, orderId, amount);
    }
}
