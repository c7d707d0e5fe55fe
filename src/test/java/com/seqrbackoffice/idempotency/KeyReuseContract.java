package com.seqrbackoffice.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.seqrbackoffice.payments.Json;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * An idempotency key used again with other content, on every inbound queue and for a refund id: an ERROR event
 * IDEMPOTENCY_KEY_REUSED to the reusing message's own order or terminal, naming the first use, and a dead letter
 * with the reason; SEQR sees no call, the ledger gains no row and the first use's order hears nothing. The same
 * content again (written differently) is a repeat: no call, no error. On H2 (KeyReuseTest) and PostgreSQL
 * (KeyReusePostgresTest); a subclass starts the app and registers the till.
 */
abstract class KeyReuseContract extends FlowTestSupport {

    static String terminal;

    private static final List<String> LEDGER_TABLES = List.of("terminals", "payments", "payment_status_history",
            "ledger_entries", "refunds", "idempotency_keys", "camel_messageprocessed");
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Map<String, Integer> REFUSED = new TreeMap<>();
    private static int repeats;

    /** The figures of this class's run (cleared for the next class in the same JVM). */
    @AfterAll
    static void printFigures(TestInfo run) {
        System.out.printf("%s: %d reused keys refused (%s), each with an IDEMPOTENCY_KEY_REUSED event and a dead letter,"
                + " 0 SEQR calls and 0 ledger rows; %d true repeats absorbed with 0 SEQR calls%n",
                run.getTestClass().map(Class::getSimpleName).orElse("KeyReuse"),
                REFUSED.values().stream().mapToInt(Integer::intValue).sum(), REFUSED, repeats);
        REFUSED.clear();
        repeats = 0;
    }

    @Test
    void aReusedTerminalCommandIdIsRefusedAndNoTerminalIsRegistered() {
        String messageId = unique("c");
        String first = unique("till");
        String register = """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till A"}""";
        till.send(queue("terminal-commands"), register.formatted(messageId, first));
        assertThat(till.receive(queue("payment-events"), "terminalId = '" + first + "' AND type = 'TERMINAL_REGISTERED'",
                EVENT_TIMEOUT)).isNotNull();

        String other = unique("till");
        assertRefusedAsReuse("terminal-commands", register.formatted(messageId, other), "terminalId = '" + other + "'",
                "messageId " + messageId + " was first used at", "for terminal " + first);
        assertThat(rows("select * from terminals where terminal_id = ?", other)).isEmpty();
        assertNothingFor("terminalId = '" + first + "'");

        assertTrueRepeatIsAbsorbed("terminal-commands", """
                {"name": "Till A",   "terminalId": "%s", "command": "REGISTER", "messageId": "%s"}"""
                .formatted(first, messageId), "terminalId = '" + first + "'");
    }

    @Test
    void aReusedPaymentRequestIdIsRefusedBeforeSendInvoice() {
        String orderA = unique("order");
        String request = paymentRequest(terminal, orderA, "300.00");
        String messageId = field(request, "messageId");
        reserve(request, orderA);

        String orderB = unique("order");
        assertRefusedAsReuse("payment-requests", request.replace(orderA, orderB), "orderId = '" + orderB + "'",
                "messageId " + messageId + " was first used at", "payment-request message for order " + orderA);
        assertThat(paymentStatus(orderB)).isNull();
        assertThat(paymentStatus(orderA)).isEqualTo("RESERVED");
        assertNothingFor("orderId = '" + orderA + "'");

        assertTrueRepeatIsAbsorbed("payment-requests", request.replace("\n", " ").replace(": ", ":"),
                "orderId = '" + orderA + "'");
    }

    @Test
    void aFulfilmentIdReusedForAnotherOrderLeavesThatOrderReservedAndItsOwnFulfilmentPaysIt() {
        String orderA = unique("order");
        reserve(paymentRequest(terminal, orderA, "500.00"), orderA);
        String fulfilment = fulfilment(orderA, "420.00");
        till.send(queue("fulfilment"), fulfilment);
        awaitStatus(orderA, "PAID");

        String orderB = unique("order");
        reserve(paymentRequest(terminal, orderB, "200.00"), orderB);
        assertRefusedAsReuse("fulfilment", fulfilment.replace(orderA, orderB), "orderId = '" + orderB + "'",
                "messageId " + field(fulfilment, "messageId") + " was first used at", "for order " + orderA);
        assertThat(paymentStatus(orderB)).isEqualTo("RESERVED");
        assertThat(ledgerEntries(orderB)).containsExactly("RESERVATION 200");
        assertNothingFor("orderId = '" + orderA + "'");

        assertTrueRepeatIsAbsorbed("fulfilment", fulfilment, "orderId = '" + orderA + "'");

        // the other order's own fulfilment: paid, and the till hears it
        till.send(queue("fulfilment"), fulfilment(orderB, "150.00"));
        assertThat(awaitStatus(orderB, "PAID").money("finalAmount")).isEqualTo("150.00 SEK");
        assertThat(ledgerEntries(orderB)).containsExactly("RESERVATION 200", "CAPTURE 150", "RELEASE 50");
    }

    @Test
    void aReusedCancellationIdIsRefusedBeforeCancelInvoice() {
        String orderA = unique("order");
        reserve(paymentRequest(terminal, orderA, "100.00"), orderA);
        String messageId = unique("x");
        String cancellation = """
                {"messageId": "%s", "orderId": "%s", "reason": "customer left"}""";
        till.send(queue("payment-cancellations"), cancellation.formatted(messageId, orderA));
        awaitStatus(orderA, "CANCELED");

        String orderB = unique("order");
        reserve(paymentRequest(terminal, orderB, "100.00"), orderB);
        assertRefusedAsReuse("payment-cancellations", cancellation.formatted(messageId, orderB), "orderId = '" + orderB + "'",
                "messageId " + messageId + " was first used at", "for order " + orderA);
        assertThat(paymentStatus(orderB)).isEqualTo("RESERVED");
        assertNothingFor("orderId = '" + orderA + "'");

        assertTrueRepeatIsAbsorbed("payment-cancellations", cancellation.formatted(messageId, orderA),
                "orderId = '" + orderA + "'");
    }

    @Test
    void aReusedRefundMessageIdOrRefundIdIsRefusedBeforeRefundPayment() {
        String orderId = unique("order");
        reserve(paymentRequest(terminal, orderId, "500.00"), orderId);
        till.send(queue("fulfilment"), fulfilment(orderId, "500.00"));
        awaitStatus(orderId, "PAID");
        String refundId = unique("refund");
        String messageId = unique("r");
        String refund = """
                {"messageId": "%s", "refundId": "%s", "orderId": "%s", "amount": {"value": "%s", "currency": "SEK"}}""";
        till.send(queue("refunds"), refund.formatted(messageId, refundId, orderId, "20.00"));
        awaitStatus(orderId, "REFUNDED");

        String select = "orderId = '" + orderId + "'";
        // the message id again, for another refund
        assertRefusedAsReuse("refunds", refund.formatted(messageId, unique("refund"), orderId, "30.00"), select,
                "messageId " + messageId + " was first used at", "refund message for order " + orderId);
        // the refund id again, for another amount, in a new message
        assertRefusedAsReuse("refunds", refund.formatted(unique("r"), refundId, orderId, "30.00"), select,
                "refundId " + refundId + " was first used at", "by message " + messageId);

        assertTrueRepeatIsAbsorbed("refunds", refund.formatted(messageId, refundId, orderId, "20.00"), select);
        // the same refund in a new message: a repeat of the refund, and only the new message's key is recorded
        Map<String, Long> keysBefore = ledgerRowCounts();
        assertTrueRepeatIsAbsorbed("refunds", refund.formatted(unique("r"), refundId, orderId, "20.00"), select, 1);
        assertThat(ledgerRowCounts().get("idempotency_keys")).isEqualTo(keysBefore.get("idempotency_keys") + 1);
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500", "CAPTURE 500", "REFUND 20");
    }

    /**
     * Sends {@code json} and checks the refusal: an ERROR event for the message's own order or terminal with the
     * texts and no other event, a dead letter with code and reason, no SEQR call and no ledger row.
     */
    private static void assertRefusedAsReuse(String queueName, String json, String subject, String... reasonParts) {
        Map<String, Long> callsBefore = seqrCalls();
        Map<String, Long> rowsBefore = ledgerRowCounts();
        String reuseCase = unique("reuse");
        till.send(queue(queueName), json, Map.of("reuseCase", reuseCase));

        TillClient.Received error = till.receive(queue("payment-events"), subject + " AND type = 'ERROR'", EVENT_TIMEOUT);
        assertThat(error).as("ERROR event to " + subject).isNotNull();
        assertThat(error.field("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(error.field("message")).contains(reasonParts);
        TillClient.Received letter = till.receive(queue("dead-letter"), "reuseCase = '" + reuseCase + "'", EVENT_TIMEOUT);
        assertThat(letter).as("dead letter of " + reuseCase).isNotNull();
        assertThat(letter.properties()).containsEntry("deadLetterCode", "IDEMPOTENCY_KEY_REUSED")
                .containsEntry("deadLetterQueue", queue(queueName));
        assertThat(letter.properties().get("deadLetterReason")).contains(reasonParts);
        // the error is all the reusing message's order or terminal hears (no PAID for an order still RESERVED)
        assertNothingFor(subject);

        assertThat(seqrCalls()).as("SEQR calls").isEqualTo(callsBefore);
        assertThat(ledgerRowCounts()).as("ledger rows").isEqualTo(rowsBefore);
        REFUSED.merge(queueName + (reasonParts[0].startsWith("refundId") ? " (refundId)" : ""), 1, Integer::sum);
    }

    /** The same content again: no SEQR call, no ledger row, no ERROR event, no dead letter. */
    private static void assertTrueRepeatIsAbsorbed(String queueName, String json, String subject) {
        assertTrueRepeatIsAbsorbed(queueName, json, subject, 0);
    }

    /** ... where the repeat is a new message whose {@code newKeys} keys are recorded. */
    private static void assertTrueRepeatIsAbsorbed(String queueName, String json, String subject, long newKeys) {
        Map<String, Long> callsBefore = seqrCalls();
        Map<String, Long> rowsBefore = ledgerRowCounts();
        rowsBefore.merge("idempotency_keys", newKeys, Long::sum);
        String repeatCase = unique("repeat");
        till.send(queue(queueName), json, Map.of("repeatCase", repeatCase));

        assertThat(till.drain(queue("payment-events"), subject + " AND type = 'ERROR'", QUIET)).as("ERROR events").isEmpty();
        // taken once, not rolled back for redelivery
        assertThat(broker().messageCount(queue(queueName))).as("messages left on " + queueName).isZero();
        assertThat(till.drain(queue("dead-letter"), "repeatCase = '" + repeatCase + "'", Duration.ofMillis(200))).isEmpty();
        assertThat(seqrCalls()).as("SEQR calls").isEqualTo(callsBefore);
        assertThat(ledgerRowCounts()).as("ledger rows").isEqualTo(rowsBefore);
        repeats++;
    }

    private static void assertNothingFor(String subject) {
        assertThat(till.drain(queue("payment-events"), subject, Duration.ofMillis(500))).as("events to " + subject).isEmpty();
    }

    private static void reserve(String request, String orderId) {
        till.send(queue("payment-requests"), request);
        emulator().confirm(awaitStatus(orderId, "ISSUED").field("invoiceReference"));
        awaitStatus(orderId, "RESERVED");
    }

    private static Map<String, Long> seqrCalls() {
        return new LinkedHashMap<>(emulator().counters().calls());
    }

    private static Map<String, Long> ledgerRowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        LEDGER_TABLES.forEach(table -> counts.put(table,
                ((Number) rows("select count(*) as n from " + table).get(0).get("n")).longValue()));
        return counts;
    }

    private static String field(String json, String name) {
        return (String) Json.read(json, Map.class).get(name);
    }
}
