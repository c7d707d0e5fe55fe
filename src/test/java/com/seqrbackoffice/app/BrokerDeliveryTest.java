package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/** The embedded broker keeps what it was given: across a restart, and past every failed delivery. */
class BrokerDeliveryTest extends FlowTestSupport {

    private static String terminal;

    @BeforeAll
    static void start() {
        startAppWithSeparateEmulator(Map.of("errors.dead-letter-at-attempt", "3", "broker.max-delivery-attempts", "4"));
        terminal = registeredTerminal();
    }

    @AfterEach
    void clearFaults() {
        emulator().clearFaults();
    }

    @Test
    void messageSentWhileItsRouteIsStoppedIsDeliveredAfterTheAppRestarts() throws Exception {
        String orderId = unique("order");
        app.context().getRouteController().stopRoute("start-payment");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "20.00"));
        assertThat(paymentStatus(orderId)).isNull();

        restartApp(() -> { });

        awaitStatus(orderId, "ISSUED");
        assertThat(paymentStatus(orderId)).isEqualTo("ISSUED");
    }

    @Test
    void messageThatFailsEveryDeliveryEndsOnTheDeadLetterQueueWithItsReason() {
        String orderId = unique("order");
        emulator().setFault(FaultSpec.soapFault("sendInvoice", null));

        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "20.00"));

        TillClient.Received deadLetter = till.receive(queue("dead-letter"), "deadLetterRoute = 'start-payment'", EVENT_TIMEOUT);
        assertThat(deadLetter).as("dead letter of order " + orderId).isNotNull();
        assertThat(deadLetter.field("orderId")).isEqualTo(orderId);
        assertThat(deadLetter.properties().get("deadLetterReason")).contains("sendInvoice");
        assertThat(deadLetter.properties()).containsEntry("deadLetterQueue", queue("payment-requests"));
        assertThat(emulator().counters().calls("sendInvoice")).isGreaterThanOrEqualTo(3);
        assertThat(awaitError(orderId).field("message")).contains("sendInvoice");
        assertThat(paymentStatus(orderId)).isNull();
    }
}
