package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.broker.DeadLetters;
import com.seqrbackoffice.testing.FlowTestSupport;

/** Promise 3: dead letters can be listed with their reason and moved back to their queue once the cause is fixed. */
class DeadLetterReplayTest extends FlowTestSupport {

    @BeforeAll
    static void start() {
        startApp(Map.of());
    }

    @Test
    void deadLettersAreListedAndReplayedToTheirQueueOnceTheCauseIsFixed() {
        String terminalId = unique("till");
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminalId, orderId, "75.00"));
        assertThat(awaitError(orderId).field("code")).isEqualTo("UNKNOWN_TERMINAL");
        await().atMost(EVENT_TIMEOUT).until(() -> broker().messageCount(queue("dead-letter")) == 1);

        List<DeadLetters.DeadLetter> listed = deadLetters().list(queue("payment-requests"));
        assertThat(listed).singleElement().satisfies(letter -> {
            assertThat(letter.queue()).isEqualTo(queue("payment-requests"));
            assertThat(letter.route()).isEqualTo("start-payment");
            assertThat(letter.code()).isEqualTo("UNKNOWN_TERMINAL");
            assertThat(letter.reason()).contains(terminalId);
        });
        assertThat(deadLetters().list(queue("fulfilment"))).isEmpty();

        // replayed before the cause is fixed: refused again, with a second ERROR event, and back on the DLQ
        assertThat(deadLetters().replay(queue("payment-requests"))).isEqualTo(1);
        assertThat(awaitError(orderId).field("code")).isEqualTo("UNKNOWN_TERMINAL");
        await().atMost(EVENT_TIMEOUT).until(() -> broker().messageCount(queue("dead-letter")) == 1);

        till.send(queue("terminal-commands"), """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Late till"}
                """.formatted(unique("c"), terminalId));
        assertThat(till.receive(queue("payment-events"), "terminalId = '" + terminalId + "' AND type = 'TERMINAL_REGISTERED'",
                EVENT_TIMEOUT)).isNotNull();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        // the command reads broker.url; this test's embedded broker listens on its own port
        int exit = DeadLetters.run(new String[] {"--replay-dead-letters"},
                key -> app.setting("broker.url".equals(key) ? "broker.embedded.acceptor" : key),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Replayed 1 dead letter(s)");
        awaitStatus(orderId, "ISSUED");
        assertThat(paymentStatus(orderId)).isEqualTo("ISSUED");
        assertThat(broker().messageCount(queue("dead-letter"))).isZero();
        System.out.println("dead letters: listed with queue, route, code and reason; replayed twice (refused again while"
                + " the terminal was unknown, ISSUED once it was registered); the dead-letter queue ends empty");
    }

    private static DeadLetters deadLetters() {
        return new DeadLetters(new ActiveMQConnectionFactory(app.setting("broker.embedded.acceptor"),
                app.setting("broker.user"), app.setting("broker.password")), queue("dead-letter"));
    }
}
