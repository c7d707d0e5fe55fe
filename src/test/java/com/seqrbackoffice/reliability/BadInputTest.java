package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * Bad input on every inbound queue, sent between good payments: each bad message ends on the dead-letter queue
 * at its first delivery, with the route, a code and a reason, and an ERROR event; duplicates are absorbed; the
 * good payments complete, so no route stopped or stalled behind the bad ones.
 */
class BadInputTest extends FlowTestSupport {

    private static final String CASE = "badInputCase";
    private static final int GOOD_PAYMENTS = 12;

    private static String terminal;
    // a SEQR terminal holds one open invoice, so good payments in flight at once need a terminal each
    private static final List<String> goodTerminals = new ArrayList<>();

    @BeforeAll
    static void start() {
        startApp(Map.of("seqr.emulator.auto-confirm", "true", "seqr.emulator.auto-confirm-delay-ms", "200"));
        terminal = registeredTerminal();
        for (int i = 0; i < GOOD_PAYMENTS; i++) {
            goodTerminals.add(registeredTerminal());
        }
    }

    /** A bad message: its queue (a setting's suffix), its text and the code its dead letter must carry. */
    private record Case(String name, String queue, String body, String code) {
    }

    @Test
    void everyBadMessageIsDeadLetteredWithItsReasonWhileGoodPaymentsComplete() {
        String reserved = unique("order");
        String reservedReference = startReserved(reserved, "500.00");
        String paid = unique("order");
        String paidReference = startReserved(paid, "300.00");
        till.send(queue("fulfilment"), fulfilment(paid, "300.00"));
        awaitStatus(paid, "PAID");
        String canceled = unique("order");
        startReserved(canceled, "50.00");
        till.send(queue("payment-cancellations"), message("x", "\"orderId\": \"" + canceled + "\""));
        awaitStatus(canceled, "CANCELED");
        String refundOnce = """
                {"messageId": "%s", "refundId": "%s", "orderId": "%s", "amount": {"value": "10.00", "currency": "SEK"}}
                """.formatted(unique("r"), unique("refund"), paid);
        till.send(queue("refunds"), refundOnce);
        awaitStatus(paid, "REFUNDED");
        String repeatedBadRequest = message("p", "\"terminalId\": \"" + terminal + "\", \"orderId\": \"" + unique("order")
                + "\", \"amount\": {\"value\": \"-1.00\", \"currency\": \"SEK\"}");

        List<Case> cases = List.of(
                // terminal commands
                new Case("command: malformed JSON", "terminal-commands", "{\"messageId\": \"c-1\", \"command\": \"REGISTER\"", "MALFORMED_MESSAGE"),
                new Case("command: unknown command", "terminal-commands", message("c", "\"command\": \"DELETE\", \"terminalId\": \"till-x\""), "INVALID_MESSAGE"),
                new Case("command: REGISTER without name", "terminal-commands", message("c", "\"command\": \"REGISTER\", \"terminalId\": \"till-y\""), "INVALID_MESSAGE"),
                new Case("command: password too short", "terminal-commands", message("c", "\"command\": \"REGISTER\", \"terminalId\": \"till-z\", \"name\": \"Z\", \"password\": \"abc\""), "INVALID_MESSAGE"),
                new Case("command: seqrId with injection", "terminal-commands", message("c", "\"command\": \"ASSIGN_SEQR_ID\", \"terminalId\": \"" + terminal + "\", \"seqrId\": \"A1'; DROP TABLE terminals;--\""), "INVALID_MESSAGE"),
                new Case("command: unknown terminal", "terminal-commands", message("c", "\"command\": \"UNREGISTER\", \"terminalId\": \"" + unique("till") + "\""), "UNKNOWN_TERMINAL"),
                new Case("command: terminalId is a number", "terminal-commands", message("c", "\"command\": \"UNREGISTER\", \"terminalId\": 42"), "INVALID_MESSAGE"),
                // payment requests
                new Case("request: empty body", "payment-requests", "", "MALFORMED_MESSAGE"),
                new Case("request: not JSON", "payment-requests", "pay 500 SEK please", "MALFORMED_MESSAGE"),
                new Case("request: JSON array", "payment-requests", "[1, 2, 3]", "INVALID_MESSAGE"),
                new Case("request: missing amount", "payment-requests", request(unique("order"), null), "INVALID_MESSAGE"),
                new Case("request: amount is a number", "payment-requests", request(unique("order"), "{\"value\": 500, \"currency\": \"SEK\"}"), "INVALID_MESSAGE"),
                new Case("request: zero amount", "payment-requests", request(unique("order"), money("0.00", "SEK")), "INVALID_AMOUNT"),
                new Case("request: negative amount", "payment-requests", request(unique("order"), money("-5.00", "SEK")), "INVALID_AMOUNT"),
                new Case("request: three decimals", "payment-requests", request(unique("order"), money("10.001", "SEK")), "INVALID_MESSAGE"),
                new Case("request: unknown currency", "payment-requests", request(unique("order"), money("10.00", "XXX")), "UNSUPPORTED_CURRENCY"),
                new Case("request: currency in lower case", "payment-requests", request(unique("order"), money("10.00", "sek")), "INVALID_MESSAGE"),
                new Case("request: unknown terminal", "payment-requests", message("p", "\"terminalId\": \"" + unique("till") + "\", \"orderId\": \"" + unique("order") + "\", \"amount\": " + money("10.00", "SEK")), "UNKNOWN_TERMINAL"),
                new Case("request: rows do not sum to the amount", "payment-requests", message("p", "\"terminalId\": \"" + terminal + "\", \"orderId\": \"" + unique("order") + "\", \"amount\": " + money("10.00", "SEK") + ", \"rows\": [{\"totalAmount\": " + money("9.00", "SEK") + "}]"), "INVALID_ROWS"),
                new Case("request: SQL injection in orderId", "payment-requests", request("o'; DROP TABLE payments;--", money("10.00", "SEK")), "INVALID_MESSAGE"),
                new Case("request: script in terminalId", "payment-requests", message("p", "\"terminalId\": \"<script>alert(1)</script>\", \"orderId\": \"" + unique("order") + "\", \"amount\": " + money("10.00", "SEK")), "INVALID_MESSAGE"),
                new Case("request: control characters in title", "payment-requests", message("p", "\"terminalId\": \"" + terminal + "\", \"orderId\": \"" + unique("order") + "\", \"title\": \"a\\u0000b\", \"amount\": " + money("10.00", "SEK")), "INVALID_MESSAGE"),
                new Case("request: oversized message", "payment-requests", message("p", "\"terminalId\": \"" + terminal + "\", \"orderId\": \"" + unique("order") + "\", \"amount\": " + money("10.00", "SEK") + ", \"note\": \"" + "x".repeat(70_000) + "\""), "MESSAGE_TOO_LARGE"),
                new Case("request: second payment for a taken order", "payment-requests", request(reserved, money("20.00", "SEK")), "ORDER_ALREADY_HAS_PAYMENT"),
                new Case("request: a bad message, first time", "payment-requests", repeatedBadRequest, "INVALID_AMOUNT"),
                new Case("request: the same bad message again", "payment-requests", repeatedBadRequest, "INVALID_AMOUNT"),
                // fulfilment
                new Case("fulfilment: unknown order", "fulfilment", fulfilment(unique("order"), "10.00"), "UNKNOWN_ORDER"),
                new Case("fulfilment: final above reserved", "fulfilment", fulfilment(reserved, "500.01"), "FINAL_AMOUNT_ABOVE_RESERVED"),
                new Case("fulfilment: other currency", "fulfilment", message("f", "\"orderId\": \"" + reserved + "\", \"finalAmount\": " + money("10.00", "EUR")), "CURRENCY_MISMATCH"),
                new Case("fulfilment: negative final amount", "fulfilment", message("f", "\"orderId\": \"" + reserved + "\", \"finalAmount\": " + money("-10.00", "SEK")), "INVALID_AMOUNT"),
                new Case("fulfilment: missing final amount", "fulfilment", message("f", "\"orderId\": \"" + reserved + "\""), "INVALID_MESSAGE"),
                new Case("fulfilment: canceled order", "fulfilment", fulfilment(canceled, "10.00"), "PAYMENT_NOT_RESERVED"),
                new Case("fulfilment: already paid", "fulfilment", fulfilment(paid, "300.00"), "ORDER_ALREADY_PAID"),
                // cancellations
                new Case("cancellation: unknown order", "payment-cancellations", message("x", "\"orderId\": \"" + unique("order") + "\""), "UNKNOWN_ORDER"),
                new Case("cancellation: missing orderId", "payment-cancellations", message("x", "\"reason\": \"customer left\""), "INVALID_MESSAGE"),
                new Case("cancellation: reason too long", "payment-cancellations", message("x", "\"orderId\": \"" + reserved + "\", \"reason\": \"" + "r".repeat(201) + "\""), "INVALID_MESSAGE"),
                new Case("cancellation: paid order", "payment-cancellations", message("x", "\"orderId\": \"" + paid + "\""), "PAYMENT_ALREADY_PAID"),
                // refunds
                new Case("refund: above the paid sum", "refunds", refund(paid, money("290.01", "SEK")), "REFUND_EXCEEDS_CAPTURED"),
                new Case("refund: unpaid order", "refunds", refund(reserved, money("1.00", "SEK")), "PAYMENT_NOT_PAID"),
                new Case("refund: unknown order, injection in reason", "refunds", message("r", "\"refundId\": \"" + unique("refund") + "\", \"orderId\": \"" + unique("order") + "\", \"amount\": " + money("1.00", "SEK") + ", \"reason\": \"' OR '1'='1\""), "UNKNOWN_ORDER"),
                new Case("refund: zero amount", "refunds", refund(paid, money("0.00", "SEK")), "INVALID_AMOUNT"),
                new Case("refund: other currency", "refunds", refund(paid, money("1.00", "EUR")), "CURRENCY_MISMATCH"),
                new Case("refund: order and invoice name different payments", "refunds", message("r", "\"refundId\": \"" + unique("refund") + "\", \"orderId\": \"" + paid + "\", \"invoiceReference\": \"" + reservedReference + "\", \"amount\": " + money("1.00", "SEK")), "AMBIGUOUS_PAYMENT"),
                new Case("refund: neither order nor invoice", "refunds", message("r", "\"refundId\": \"" + unique("refund") + "\", \"amount\": " + money("1.00", "SEK")), "INVALID_MESSAGE"),
                // the size limit holds on every inbound queue
                new Case("command: oversized message", "terminal-commands", oversized("c"), "MESSAGE_TOO_LARGE"),
                new Case("fulfilment: oversized message", "fulfilment", oversized("f"), "MESSAGE_TOO_LARGE"),
                new Case("cancellation: oversized message", "payment-cancellations", oversized("x"), "MESSAGE_TOO_LARGE"),
                new Case("refund: oversized message", "refunds", oversized("r"), "MESSAGE_TOO_LARGE"),
                // the app's own polls queue: a garbled poll must not be retried as if SEQR had failed
                new Case("status poll: not JSON", "status-polls", "poll!", "MALFORMED_MESSAGE"));

        long refundsBefore = emulator().counters().refunds(paidReference);
        List<String> good = new ArrayList<>();
        String firstGoodRequest = null;
        for (int i = 0; i < cases.size(); i++) {
            Case bad = cases.get(i);
            till.send(queue(bad.queue()), bad.body(), Map.of(CASE, bad.name()));
            if (i % 4 == 0 && good.size() < GOOD_PAYMENTS) {
                String orderId = unique("good");
                good.add(orderId);
                // an injection string in free text is only text: it is stored and shown as it was sent
                String request = message("p", "\"terminalId\": \"" + goodTerminals.get(good.size() - 1) + "\", \"orderId\": \"" + orderId
                        + "\", \"title\": \"Robert'); DROP TABLE payments;--\", \"amount\": " + money("40.00", "SEK"));
                firstGoodRequest = firstGoodRequest == null ? request : firstGoodRequest;
                till.send(queue("payment-requests"), request);
            }
        }
        // duplicates: the same request and the same refund again are absorbed, not refused
        till.send(queue("payment-requests"), firstGoodRequest);
        till.send(queue("refunds"), refundOnce);
        String duplicated = good.get(0);

        for (String orderId : good) {
            awaitStatus(orderId, "ISSUED");
            awaitStatus(orderId, "RESERVED");
            till.send(queue("fulfilment"), fulfilment(orderId, "35.00"));
        }
        for (String orderId : good) {
            awaitStatus(orderId, "PAID");
            assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 40", "CAPTURE 35", "RELEASE 5");
        }
        assertThat(rows("select title from payments where order_id = ?", duplicated))
                .extracting(row -> row.get("title")).containsExactly("Robert'); DROP TABLE payments;--");

        await().atMost(Duration.ofSeconds(60)).until(() -> broker().messageCount(queue("dead-letter")) >= cases.size());
        Map<String, TillClient.Received> deadLetters = till.drain(queue("dead-letter"), CASE + " IS NOT NULL", Duration.ofSeconds(2))
                .stream().collect(Collectors.toMap(letter -> letter.properties().get(CASE), Function.identity(), (a, b) -> a));
        List<TillClient.Received> errors = till.drain(queue("payment-events"), "type = 'ERROR'", Duration.ofSeconds(2));
        int withEvent = 0;
        for (Case bad : cases) {
            TillClient.Received letter = deadLetters.get(bad.name());
            assertThat(letter).as("dead letter of '" + bad.name() + "'").isNotNull();
            assertThat(letter.properties()).as(bad.name())
                    .containsEntry("deadLetterCode", bad.code())
                    .containsEntry("deadLetterQueue", queue(bad.queue()))
                    .containsKey("deadLetterRoute");
            assertThat(letter.properties().get("deadLetterReason")).as("reason of " + bad.name()).isNotBlank();
            String messageId = messageId(bad.body());
            if (messageId != null) {
                assertThat(errors).as("ERROR event of '" + bad.name() + "'")
                        .anyMatch(event -> messageId.equals(event.field("sourceMessageId")) && bad.code().equals(event.field("code")));
                withEvent++;
            }
        }
        assertThat(errors).as("an ERROR event per refused message, none for the good ones").hasSize(cases.size());
        assertThat(emulator().counters().refunds(paidReference)).as("the repeated refund made no second refund")
                .isEqualTo(refundsBefore);
        assertThat(rows("select order_id from payments where order_id = ?", duplicated)).as("one payment per order").hasSize(1);
        assertThat(rows("select order_id from payments where order_id = ?", "o'; DROP TABLE payments;--")).isEmpty();
        assertThat(broker().messageCount(queue("dead-letter"))).as("nothing but the bad messages was dead-lettered").isZero();

        System.out.printf("bad input: %d cases on %d queues, %d dead-lettered with route, code and reason, %d ERROR events"
                        + " naming the message (%d unnamed: not JSON); duplicates absorbed; %d good payments completed alongside%n",
                cases.size(), cases.stream().map(Case::queue).distinct().count(), deadLetters.size(), withEvent,
                cases.size() - withEvent, good.size());
    }

    private static String startReserved(String orderId, String amount) {
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, amount));
        String invoiceReference = awaitStatus(orderId, "ISSUED").field("invoiceReference");
        awaitStatus(orderId, "RESERVED");
        return invoiceReference;
    }

    private static String message(String prefix, String fields) {
        return "{\"messageId\": \"" + unique(prefix) + "\", " + fields + "}";
    }

    private static String oversized(String prefix) {
        return message(prefix, "\"note\": \"" + "x".repeat(70_000) + "\"");
    }

    private static String money(String value, String currency) {
        return "{\"value\": \"" + value + "\", \"currency\": \"" + currency + "\"}";
    }

    private static String request(String orderId, String amount) {
        return message("p", "\"terminalId\": \"" + terminal + "\", \"orderId\": \"" + orderId + "\""
                + (amount == null ? "" : ", \"amount\": " + amount));
    }

    private static String refund(String orderId, String amount) {
        return message("r", "\"refundId\": \"" + unique("refund") + "\", \"orderId\": \"" + orderId + "\", \"amount\": " + amount);
    }

    private static String messageId(String body) {
        try {
            Object id = com.seqrbackoffice.payments.Json.MAPPER.readValue(body, Map.class).get("messageId");
            return id instanceof String text ? text : null;
        } catch (Exception e) {
            return null;
        }
    }
}
