package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.seqrbackoffice.broker.DeadLetters;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * Each sender does its own job only, on the broker as its clients reach it (TCP, their own users): a till sends
 * payment requests, cancellations and terminal commands and reads its own terminal's events; the order system sends
 * fulfilments; the back office sends refunds and reads reconciliation, all events and the dead letters; the internal
 * queues are the app's. On the embedded broker (BrokerRolesTest) and on an external one with
 * config/artemis-broker.properties, as docker-compose.yml runs it (BrokerRolesIT). A subclass starts the app with the
 * users of {@link #USERS} and calls {@link #connectClients(String)}.
 */
abstract class BrokerRolesContract extends FlowTestSupport {

    static final String TERMINAL_A = unique("till-a");
    static final String TERMINAL_B = unique("till-b");
    static final String PASSWORD = "roles-test-only";
    /** The users a subclass gives its broker, with their roles. */
    static final Map<String, List<String>> USERS = Map.of(
            "user-a", List.of("till", "terminal." + TERMINAL_A),
            "user-b", List.of("till", "terminal." + TERMINAL_B),
            "orders", List.of("orders"),
            "backoffice", List.of("backoffice"));

    private static String brokerUrl;
    private static TillClient tillA;
    private static TillClient tillB;
    private static TillClient orders;
    private static TillClient backoffice;
    private static final List<String> refusals = new ArrayList<>();

    static void connectClients(String url) {
        brokerUrl = url;
        refusals.clear();
        tillA = client("user-a");
        tillB = client("user-b");
        orders = client("orders");
        backoffice = client("backoffice");
    }

    @AfterAll
    static void closeClients() {
        for (TillClient client : List.of(tillA, tillB, orders, backoffice)) {
            client.close();
        }
        System.out.printf("broker roles (%s broker): %d operations refused as the roles say: %s%n",
                "true".equals(app.setting("broker.embedded")) ? "embedded" : "external", refusals.size(),
                String.join("; ", refusals));
    }

    @Test
    void aTillRunsItsPaymentsAndReadsItsOwnEventsOnly() {
        register(tillA, TERMINAL_A);
        register(tillB, TERMINAL_B);
        String orderId = unique("order");

        tillA.send(queue("payment-requests"), paymentRequest(TERMINAL_A, orderId, "40.00"));

        TillClient.Received issued = tillA.receive(terminalQueue(TERMINAL_A), "type = 'PAYMENT_STATUS'", EVENT_TIMEOUT);
        assertThat(issued).as("ISSUED on the till's own queue").isNotNull();
        assertThat(issued.field("orderId")).isEqualTo(orderId);
        assertThat(issued.field("status")).isEqualTo("ISSUED");
        refused("a till reads another terminal's events", () -> tillB.receive(terminalQueue(TERMINAL_A), null, EVENT_TIMEOUT));
        refused("a till reads the shared events queue", () -> tillB.receive(queue("payment-events"), null, EVENT_TIMEOUT));
        refused("a till reads the dead letters", () -> tillB.receive(queue("dead-letter"), null, EVENT_TIMEOUT));
        refused("a till reads the reconciliation summaries", () -> tillB.receive(queue("reconciliation"), null, EVENT_TIMEOUT));

        tillA.send(queue("payment-cancellations"), """
                {"messageId": "%s", "orderId": "%s", "reason": "roles test"}""".formatted(unique("x"), orderId));
        assertThat(tillA.receive(terminalQueue(TERMINAL_A), "orderId = '" + orderId + "' AND type = 'PAYMENT_STATUS'",
                EVENT_TIMEOUT).field("status")).isEqualTo("CANCELED");
        // and today's shared queue still has every event, with terminalId for a selector
        assertThat(backoffice.receive(queue("payment-events"), "terminalId = '" + TERMINAL_A + "' AND orderId = '" + orderId + "'",
                EVENT_TIMEOUT)).isNotNull();
    }

    @Test
    void aTillCannotSendRefundsFulfilmentsOrTheAppsOwnMessages() {
        String json = "{\"messageId\": \"" + unique("m") + "\"}";
        refused("a till sends a refund", () -> tillA.send(queue("refunds"), json));
        refused("a till sends a fulfilment", () -> tillA.send(queue("fulfilment"), json));
        refused("a till sends a status poll", () -> tillA.send(queue("status-polls"), ""));
        refused("a till sends a report request", () -> tillA.send(queue("report-requests"), json));
        refused("a till reads the status polls", () -> tillA.receive(queue("status-polls"), null, EVENT_TIMEOUT));
        refused("a till sends an event", () -> tillA.send(queue("payment-events"), json));
        refused("a till sends to its own events queue", () -> tillA.send(terminalQueue(TERMINAL_A), json));
    }

    @Test
    void theOrderSystemSendsFulfilmentsOnly() {
        String json = "{\"messageId\": \"" + unique("m") + "\"}";
        refused("the order system sends a payment request", () -> orders.send(queue("payment-requests"), json));
        refused("the order system sends a refund", () -> orders.send(queue("refunds"), json));
        refused("the order system reads events", () -> orders.receive(queue("payment-events"), null, EVENT_TIMEOUT));

        String terminal = registeredTerminal();
        String orderId = unique("order");
        reservedPayment(terminal, orderId, "60.00");
        orders.send(queue("fulfilment"), fulfilment(orderId, "55.00"));
        awaitStatus(orderId, "PAID");
    }

    @Test
    void theBackOfficeRefundsReadsTheDeadLettersButWritesNoInternalQueue() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        reservedPayment(terminal, orderId, "90.00");
        till.send(queue("fulfilment"), fulfilment(orderId, "90.00"));
        awaitStatus(orderId, "PAID");

        backoffice.send(queue("refunds"), """
                {"messageId": "%s", "refundId": "%s", "orderId": "%s", "amount": {"value": "5.00", "currency": "SEK"}}
                """.formatted(unique("r"), unique("refund"), orderId));
        awaitStatus(orderId, "REFUNDED");

        String unknownOrder = unique("order");
        till.send(queue("payment-cancellations"), """
                {"messageId": "%s", "orderId": "%s"}""".formatted(unique("x"), unknownOrder));
        awaitError(unknownOrder);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, "backoffice", PASSWORD)) {
            DeadLetters deadLetters = new DeadLetters(factory, queue("dead-letter"));
            assertThat(deadLetters.list(queue("payment-cancellations")))
                    .anySatisfy(letter -> assertThat(letter.reason()).contains(unknownOrder));
            // --replay-dead-letters as the back office: the cancellation goes back to its queue and is refused again
            assertThat(deadLetters.replay(queue("payment-cancellations"))).isPositive();
            awaitError(unknownOrder);
        }
        // what a summary holds is ReconciliationFlowContract's; here only that the back office may read them
        assertThatCode(() -> backoffice.receive(queue("reconciliation"), null, Duration.ofMillis(200)))
                .as("the back office reads the reconciliation summaries").doesNotThrowAnyException();
        refused("the back office sends a status poll", () -> backoffice.send(queue("status-polls"), ""));
        refused("the back office sends a report request", () -> backoffice.send(queue("report-requests"), "{}"));
        refused("the back office reads a terminal's own events", () -> backoffice.receive(terminalQueue(TERMINAL_A), null, EVENT_TIMEOUT));
    }

    static TillClient client(String user) {
        return new TillClient(brokerUrl, user, PASSWORD);
    }

    static String terminalQueue(String terminalId) {
        return queue("payment-events") + "." + terminalId;
    }

    /** The till registers its terminal itself and reads the event on its own queue. */
    static synchronized void register(TillClient client, String terminalId) {
        if (!rows("select terminal_id from terminals where terminal_id = ?", terminalId).isEmpty()) {
            return;
        }
        client.send(queue("terminal-commands"), """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till %s"}
                """.formatted(unique("c"), terminalId, terminalId));
        // the app lets the till read its queue before it sends the terminal's first event there
        assertThat(till.receive(queue("payment-events"), "terminalId = '" + terminalId + "' AND type = 'TERMINAL_REGISTERED'",
                EVENT_TIMEOUT)).isNotNull();
        assertThat(client.receive(terminalQueue(terminalId), "type = 'TERMINAL_REGISTERED'", EVENT_TIMEOUT))
                .as("TERMINAL_REGISTERED on the queue of " + terminalId).isNotNull();
    }

    private static void refused(String what, Executable operation) {
        assertThatThrownBy(operation::execute).as(what).hasRootCauseInstanceOf(ActiveMQSecurityException.class);
        refusals.add(what);
    }
}
