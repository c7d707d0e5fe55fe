package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.broker.BrokerSettings;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * Only JMS text messages are read: an ObjectMessage, a BytesMessage or a MapMessage on any queue the app reads is
 * dead-lettered with its reason, its body never read (an object in it is never deserialized), and the flow goes on.
 * The app's connections deserialize nothing even when asked to.
 */
class NonTextMessagesTest extends FlowTestSupport {

    private static final String CASE = "nonTextCase";
    private static final List<String> QUEUES = List.of("terminal-commands", "payment-requests", "payment-cancellations",
            "fulfilment", "refunds", "status-polls", "report-requests");

    /** Counts its own deserializations: a sender's object whose readObject would run code in the app. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger DESERIALIZED = new AtomicInteger();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            DESERIALIZED.incrementAndGet();
            in.defaultReadObject();
        }
    }

    @BeforeAll
    static void start() {
        startApp(Map.of("seqr.emulator.auto-confirm", "true", "seqr.emulator.auto-confirm-delay-ms", "200"));
    }

    @Test
    void objectBytesAndMapMessagesOnEveryQueueAreDeadLetteredUnreadWithTheirReason() {
        Map<String, TillClient.MessageMaker> types = Map.of(
                "ObjectMessage", session -> session.createObjectMessage(new Tripwire()),
                "BytesMessage", session -> {
                    var bytes = session.createBytesMessage();
                    bytes.writeBytes("{\"messageId\": \"b-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    return bytes;
                },
                "MapMessage", session -> {
                    var map = session.createMapMessage();
                    map.setString("messageId", "m-1");
                    return map;
                });
        List<String> sent = new ArrayList<>();
        for (String queue : QUEUES) {
            types.forEach((type, maker) -> {
                String name = queue + "/" + type;
                till.send(queue(queue), maker, Map.of(CASE, name));
                sent.add(name);
            });
        }

        for (String name : sent) {
            TillClient.Received letter = till.receive(queue("dead-letter"), CASE + " = '" + name + "'", EVENT_TIMEOUT);
            assertThat(letter).as("dead letter of " + name).isNotNull();
            String type = name.substring(name.indexOf('/') + 1);
            assertThat(letter.properties())
                    .containsEntry("deadLetterCode", "NOT_A_TEXT_MESSAGE")
                    .containsEntry("deadLetterQueue", queue(name.substring(0, name.indexOf('/'))));
            assertThat(letter.properties().get("deadLetterReason")).contains(type).contains("text messages");
            assertThat(letter.text()).as("the dead letter of " + name + " keeps no body").isNull();
        }
        assertThat(Tripwire.DESERIALIZED).as("objects deserialized in the app").hasValue(0);

        // the queues still work
        String terminal = registeredTerminal();
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "25.00"));
        awaitStatus(orderId, "ISSUED");
        awaitStatus(orderId, "RESERVED");
        System.out.printf("non-text messages: %d (ObjectMessage, BytesMessage, MapMessage on %d queues) dead-lettered"
                + " with NOT_A_TEXT_MESSAGE and their type, 0 objects deserialized; a payment after them RESERVED%n",
                sent.size(), QUEUES.size());
    }

    @Test
    void theAppsConnectionsDeserializeNoObject() throws JMSException {
        String queue = unique("objects");
        till.send(queue, session -> session.createObjectMessage(new Tripwire()), Map.of());
        int before = Tripwire.DESERIALIZED.get();

        try (ActiveMQConnectionFactory factory = BrokerSettings.connectionFactory(app.setting("broker.embedded.acceptor"),
                app.setting("broker.user"), app.setting("broker.password"));
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            ObjectMessage message = (ObjectMessage) session.createConsumer(session.createQueue(queue)).receive(10_000);
            assertThat(message).isNotNull();

            assertThatThrownBy(message::getObject).isInstanceOf(JMSException.class);
        }
        assertThat(Tripwire.DESERIALIZED.get()).isEqualTo(before);
    }
}
