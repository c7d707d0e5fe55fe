package com.seqrbackoffice.broker;

import static org.apache.activemq.artemis.api.core.Message.HDR_SCHEDULED_DELIVERY_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Due messages reach the target queue in the order they fell due, each once, on the embedded broker. */
class DueMessageRelayTest {

    private static final String SCHEDULED = "test.due.scheduled";
    private static final String TARGET = "test.due.target";

    @TempDir
    Path journal;

    private JournalBroker embedded;
    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        embedded = JournalBroker.start(journal);
        broker = embedded.broker();
    }

    @AfterEach
    void stopBroker() throws Exception {
        embedded.close();
    }

    /** Why the relay exists: released straight onto a queue, the later release is taken first. */
    @Test
    void aQueueTheSchedulerWritesServesItsNewestReleaseFirst() throws Exception {
        long now = System.currentTimeMillis();
        schedule(TARGET, "early", now + 300);
        schedule(TARGET, "late", now + 900);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount(TARGET) == 2 && dueCount(TARGET) == 2);

        assertThat(receiveAll(TARGET)).containsExactly("late", "early");
    }

    @Test
    void dueMessagesReachTheTargetInTheOrderTheyFellDueWithTheirPropertiesAndNoDeliveryTime() throws Exception {
        long now = System.currentTimeMillis();
        // sent latest first, so that the order they arrive in is the order they fell due, not the one they were sent
        for (int release = 4; release >= 0; release--) {
            for (int message = 0; message < 3; message++) {
                schedule(SCHEDULED, release + "-" + message, now + 400 + release * 200L);
            }
        }
        try (DueMessageRelay relay = relay()) {
            relay.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.messageCount(TARGET) == 15);
        }

        List<Message> moved = receiveMessages(TARGET);
        assertThat(moved).extracting(message -> message.getStringProperty("poll").substring(0, 1))
                .containsExactly("0", "0", "0", "1", "1", "1", "2", "2", "2", "3", "3", "3", "4", "4", "4");
        for (Message message : moved) {
            assertThat(message.getStringProperty("orderId")).isEqualTo("order-" + message.getStringProperty("poll"));
            assertThat(message.propertyExists(HDR_SCHEDULED_DELIVERY_TIME.toString())).isFalse();
        }
        assertThat(broker.messageCount(SCHEDULED)).isZero();
    }

    @Test
    void aRelayStoppedMidwayAndStartedAgainMovesEveryMessageOnce() throws Exception {
        long now = System.currentTimeMillis();
        for (int message = 0; message < 2000; message++) {
            schedule(SCHEDULED, "poll-" + message, now + 200);
        }
        DueMessageRelay first = relay();
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.messageCount(TARGET) > 0);
        first.close();
        long movedByTheFirst = broker.messageCount(TARGET);
        try (DueMessageRelay second = relay()) {
            second.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> broker.messageCount(TARGET) == 2000);
        }

        System.out.println("relay: the first moved " + movedByTheFirst + " of 2000 before it stopped");
        assertThat(receiveAll(TARGET)).hasSize(2000).doesNotHaveDuplicates();
        assertThat(broker.messageCount(SCHEDULED)).isZero();
    }

    private DueMessageRelay relay() {
        return new DueMessageRelay(embedded.connections(), SCHEDULED, TARGET, 100, Duration.ofMillis(200));
    }

    private long dueCount(String queue) {
        return broker.messageCount(queue) - broker.scheduledCount(queue);
    }

    private void schedule(String queue, String poll, long due) throws Exception {
        try (Connection connection = embedded.connections().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            Message message = session.createTextMessage("");
            message.setStringProperty("poll", poll);
            message.setStringProperty("orderId", "order-" + poll);
            message.setLongProperty(HDR_SCHEDULED_DELIVERY_TIME.toString(), due);
            producer.send(message);
        }
    }

    private List<String> receiveAll(String queue) throws Exception {
        List<String> polls = new ArrayList<>();
        for (Message message : receiveMessages(queue)) {
            polls.add(message.getStringProperty("poll"));
        }
        return polls;
    }

    private List<Message> receiveMessages(String queue) throws Exception {
        List<Message> messages = new ArrayList<>();
        try (Connection connection = embedded.connections().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (Message message = consumer.receive(2000); message != null; message = consumer.receive(300)) {
                messages.add(message);
            }
        }
        return messages;
    }

}
