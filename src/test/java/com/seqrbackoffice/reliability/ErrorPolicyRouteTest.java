package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.CapturedLog;
import com.seqrbackoffice.testing.RouteTestSupport;

/**
 * The error policy of routes/errors.camel.yaml, on the route that takes payment requests: bad input is dead-lettered
 * at its first delivery; any other failure is rolled back and redelivered, each rollback logged with its cause, and
 * dead-lettered with its reason only at delivery {@code errors.dead-letter-at-attempt}. The failure is a step
 * AdviceWith adds in front of start-payment, for requests whose order id says so: the ledger or broker failure it
 * stands for cannot be made on demand.
 */
class ErrorPolicyRouteTest extends RouteTestSupport {

    private static final String FAILING_ORDER = "order-that-fails-";
    private static final int DEAD_LETTER_AT = 3;

    @Override
    protected Map<String, String> settings() {
        return Map.of("errors.dead-letter-at-attempt", String.valueOf(DEAD_LETTER_AT));
    }

    @Override
    protected void adviseRoutes() throws Exception {
        AdviceWith.adviceWith(context(), "start-payment", route -> route.weaveAddFirst()
                .filter(route.body().contains(FAILING_ORDER))
                // as a failure deeper in the flow meets it: the steps before replaced the message's headers
                .removeHeaders("*")
                .throwException(new IllegalStateException("ledger unreachable (a test's failure)")));
    }

    @Test
    void aRequestThatFailsValidationIsDeadLetteredAtItsFirstDeliveryWithoutCallingSeqr() {
        String orderId = "order-" + UUID.randomUUID();
        long sendInvoiceCalls = emulator().counters().calls("sendInvoice");
        NotifyBuilder taken = deliveriesOf(orderId).whenDone(1).create();
        NotifyBuilder rolledBack = deliveriesOf(orderId).whenFailed(1).create();

        template().sendBody("jms:queue:" + queue("payment-requests"), request(orderId, "10.001"));

        assertThat(taken.matches(20, TimeUnit.SECONDS)).as("start-payment took the request").isTrue();
        Exchange deadLetter = deadLetterOf(orderId);
        assertThat(deadLetter).as("the request, dead-lettered").isNotNull();
        assertThat(deadLetter.getMessage().getHeaders()).containsEntry("deadLetterRoute", "start-payment")
                .containsEntry("deadLetterQueue", queue("payment-requests"))
                .containsEntry("deadLetterCode", "INVALID_MESSAGE");
        assertThat(deadLetter.getMessage().getHeader("deadLetterReason", String.class)).contains("amount");
        assertThat(rolledBack.matches(1, TimeUnit.SECONDS)).as("a delivery rolled back for redelivery").isFalse();
        assertThat(errorEventOf(orderId)).as("the till's ERROR event").isNotNull();
        assertThat(emulator().counters().calls("sendInvoice")).isEqualTo(sendInvoiceCalls);
        assertThat(rows("select * from payments where order_id = ?", orderId)).isEmpty();
        System.out.println("Error policy (route level): a request with a 3-decimal amount dead-lettered by start-payment"
                + " at its first delivery (INVALID_MESSAGE), an ERROR event, 0 sendInvoice calls, no payment row");
    }

    @Test
    void aFailureThatIsNotBadInputIsRedeliveredThenDeadLetteredAtItsLastAttempt() {
        String orderId = FAILING_ORDER + UUID.randomUUID();
        long sendInvoiceCalls = emulator().counters().calls("sendInvoice");
        NotifyBuilder rolledBack = deliveriesOf(orderId).whenExactlyFailed(DEAD_LETTER_AT - 1).create();
        NotifyBuilder deadLettered = deliveriesOf(orderId).whenCompleted(1).create();

        List<String> failureLines;
        try (CapturedLog log = new CapturedLog()) {
            template().sendBody("jms:queue:" + queue("payment-requests"), request(orderId, "10.00"));
            assertThat(deadLettered.matches(20, TimeUnit.SECONDS)).as("a delivery, handled").isTrue();
            failureLines = log.messages(Level.WARN, "the broker redelivers it: ledger unreachable (a test's failure)");
        }

        assertThat(rolledBack.matches()).as("the deliveries before it, rolled back for redelivery").isTrue();
        assertThat(failureLines).as("a warning for each delivery rolled back, with its cause")
                .hasSize(DEAD_LETTER_AT - 1)
                .anySatisfy(line -> assertThat(line).startsWith("Delivery 1 of message ID:"));
        Exchange deadLetter = deadLetterOf(orderId);
        assertThat(deadLetter).as("the request, dead-lettered at delivery " + DEAD_LETTER_AT).isNotNull();
        assertThat(deadLetter.getMessage().getHeaders()).containsEntry("deadLetterRoute", "start-payment")
                .containsEntry("deadLetterCode", "PROCESSING_FAILED");
        assertThat(deadLetter.getMessage().getHeader("deadLetterReason", String.class)).contains("ledger unreachable");
        assertThat(deadLetter.getMessage().getBody(String.class)).as("the original request").contains(orderId, "10.00");
        assertThat(errorEventOf(orderId)).as("the till's ERROR event").isNotNull();
        assertThat(emulator().counters().calls("sendInvoice")).isEqualTo(sendInvoiceCalls);
        System.out.println("Error policy (route level): a request whose route failed every time rolled back "
                + (DEAD_LETTER_AT - 1) + " times, dead-lettered at delivery " + DEAD_LETTER_AT
                + " (PROCESSING_FAILED, with the reason), an ERROR event, 0 sendInvoice calls");
    }

    /** start-payment's deliveries of the order's request. */
    private NotifyBuilder deliveriesOf(String orderId) {
        return new NotifyBuilder(context()).fromRoute("start-payment")
                .filter(exchange -> exchange.getMessage().getBody(String.class).contains(orderId));
    }

    private Exchange deadLetterOf(String orderId) {
        return receive(queue("dead-letter"), "deadLetterRoute = 'start-payment'", orderId);
    }

    private Exchange errorEventOf(String orderId) {
        return receive(queue("payment-events"), "type = 'ERROR'", orderId);
    }

    /** The first message on the queue that matches the selector and names the order (tests of a class share queues). */
    private Exchange receive(String queue, String selector, String orderId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Exchange message = receive(queue, selector, Duration.ofSeconds(1));
            if (message != null && message.getMessage().getBody(String.class).contains(orderId)) {
                return message;
            }
        }
        return null;
    }

    private static String request(String orderId, String amount) {
        return """
                {"messageId": "%s", "terminalId": "public_test_shop_terminal", "orderId": "%s", "title": "Pump 4",
                 "amount": {"value": "%s", "currency": "SEK"}}
                """.formatted(UUID.randomUUID(), orderId, amount);
    }
}
