package com.seqrbackoffice.broker;

import static org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import javax.management.MBeanServerInvocationHandler;
import javax.management.ObjectName;

import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.ActiveMQServerControl;
import org.apache.activemq.artemis.api.core.management.AddressControl;
import org.apache.activemq.artemis.api.core.management.ObjectNameBuilder;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.seqrbackoffice.payments.Json;

/** The embedded broker's queues: their duplicate detection, that they stay once made, and their memory limits. */
class EmbeddedBrokerQueuesTest {

    private static final ObjectNameBuilder MANAGEMENT = ObjectNameBuilder.create(null, EmbeddedBroker.NAME);

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

    /**
     * A cache per terminal queue sized by broker.terminal-events-duplicate-id-cache-size: the broker allocates an
     * address's whole cache with its first message, and 2,000 terminal queues at the shared queue's 100,000 ids ran a
     * 512 MiB benchmark out of heap.
     */
    @Test
    void aResentEventIsDroppedOnTheSharedQueueAndOnATerminalsQueueWithASmallerCacheThere() throws Exception {
        String shared = embedded.settings().getProperty("queue.payment-events");
        String terminal = shared + ".till-1";

        try (Connection connection = embedded.connections().createConnection()) {
            // outside a transaction the broker drops a duplicate; inside one it fails the commit
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : List.of(shared, terminal)) {
                MessageProducer producer = session.createProducer(session.createQueue(queue));
                for (int send = 0; send < 2; send++) {
                    TextMessage event = session.createTextMessage("{\"eventId\":\"order-1:PAID\"}");
                    event.setStringProperty(HDR_DUPLICATE_DETECTION_ID.toString(), "order-1:PAID");
                    producer.send(event);
                }
            }
            connection.start();
            for (String queue : List.of(shared, terminal)) {
                assertThat(receiveAll(session, queue)).as(queue).containsExactly("{\"eventId\":\"order-1:PAID\"}");
            }
        }

        assertThat(idCacheSize(shared)).isEqualTo(Integer.parseInt(embedded.settings().getProperty("broker.duplicate-id-cache-size")));
        assertThat(idCacheSize(terminal))
                .isEqualTo(Integer.parseInt(embedded.settings().getProperty("broker.terminal-events-duplicate-id-cache-size")))
                .isLessThan(idCacheSize(shared));
    }

    /** Each queue allocates its incoming-message buffer when it is made: 2,000 terminals at the broker's 8,192 slots took 64 MiB. */
    @Test
    void aTerminalsQueueAllocatesTheSmallerBufferOfItsSetting() throws Exception {
        String terminal = embedded.settings().getProperty("queue.payment-events") + ".till-1";

        assertThat(addressSetting(terminal, "initialQueueBufferSize"))
                .isEqualTo(Integer.parseInt(embedded.settings().getProperty("broker.terminal-events-queue-buffer-size")))
                .isLessThan(ActiveMQDefaultConfiguration.getInitialQueueBufferSize());
    }

    /**
     * Tills read their own events queue, so the shared one fills wherever no back office reads it: in the heap the
     * embedded broker shares with the app, up to Artemis' default of half the heap. Past its limit the broker writes
     * the events to page files instead, keeps them through a restart, and a back office reading one terminal's
     * events with a selector gets them from the pages.
     */
    @Test
    void theSharedEventsQueueKeepsWhatPassesItsMemoryLimitOnDiskAndLosesNoEvent() throws Exception {
        int limitKb = 64;
        Properties smallLimit = new Properties();
        smallLimit.setProperty("broker.events-queue-max-size-kb", String.valueOf(limitKb));
        embedded.close();
        embedded = JournalBroker.start(journal, smallLimit);
        String shared = embedded.settings().getProperty("queue.payment-events");
        long limit = 1024L * limitKb;
        int perTerminal = 2000;
        long bytesSent = 0;

        try (Connection connection = embedded.connections().createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(shared));
            for (int i = 0; i < perTerminal; i++) {
                for (String terminalId : List.of("till-3", "till-4")) {
                    TextMessage event = event(session, terminalId, i);
                    bytesSent += event.getText().length();
                    producer.send(event);
                }
                if (i % 100 == 99) {
                    session.commit();
                }
            }
            session.commit();
        }

        AddressControl address = addressControl(shared);
        assertThat(bytesSent).isGreaterThan(10 * limit);
        assertThat(address.isPaging()).isTrue();
        assertThat(address.getNumberOfPages()).isPositive();
        assertThat(address.getAddressSize()).as("bytes in memory").isLessThan(limit + limit / 4);
        assertThat(embedded.broker().messageCount(shared)).isEqualTo(2L * perTerminal);

        embedded.close();
        embedded = JournalBroker.start(journal, smallLimit);
        try (Connection connection = embedded.connections().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            List<Integer> inOrder = IntStream.range(0, perTerminal).boxed().toList();
            try (MessageConsumer oneTerminal = session.createConsumer(session.createQueue(shared), "terminalId = 'till-3'")) {
                assertThat(sequences(oneTerminal)).as("till-3's, selected").isEqualTo(inOrder);
            }
            try (MessageConsumer everything = session.createConsumer(session.createQueue(shared))) {
                assertThat(sequences(everything)).as("the rest").isEqualTo(inOrder);
            }
        }
        assertThat(embedded.broker().messageCount(shared)).isZero();
    }

    /** The embedded broker pages every address past its share of the heap, not Artemis' half. */
    @Test
    void theBrokerHoldsMessagesInItsShareOfTheHeap() throws Exception {
        long percent = Long.parseLong(embedded.settings().getProperty("broker.embedded.global-max-size-percent"));
        long share = Runtime.getRuntime().maxMemory() * percent / 100;

        // Artemis works the share out in floating point
        assertThat(serverControl().getGlobalMaxSize()).isCloseTo(share, within(share / 1000));
    }

    private static TextMessage event(Session session, String terminalId, int sequence) throws Exception {
        // about the size of a RESERVED event
        TextMessage event = session.createTextMessage(Json.write(Map.of("eventId", terminalId + "-" + sequence,
                "type", "PAYMENT_STATUS", "terminalId", terminalId, "orderId", "order-" + sequence, "sequence", sequence,
                "invoiceReference", "13972227016" + sequence, "status", "RESERVED", "captureBefore", "2026-12-03T10:00:03Z",
                "amount", Map.of("value", "500.00", "currency", "SEK"), "at", "2026-12-03T09:55:03Z")));
        event.setStringProperty("type", "PAYMENT_STATUS");
        event.setStringProperty("terminalId", terminalId);
        return event;
    }

    private static List<Integer> sequences(MessageConsumer consumer) throws Exception {
        List<Integer> sequences = new ArrayList<>();
        for (Message message = consumer.receive(2000); message != null; message = consumer.receive(500)) {
            sequences.add(Json.MAPPER.readTree(((TextMessage) message).getText()).path("sequence").asInt());
        }
        return sequences;
    }

    /** CheckedQueues hands every session the queue another one checked, so the queue must not go away. */
    @Test
    void aQueueStaysWhenItsLastConsumerLeavesAndEverySessionSendsToTheOneCheckedQueue() throws Exception {
        String till = embedded.settings().getProperty("queue.payment-events") + ".till-2";
        CheckedQueues queues = new CheckedQueues();

        try (Connection first = embedded.connections().createConnection(); Connection second = embedded.connections().createConnection()) {
            Session reading = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
            first.start();
            reading.createConsumer(queues.resolveDestinationName(reading, till, false)).close();

            Session sending = second.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Destination queue = queues.resolveDestinationName(sending, till, false);
            assertThat(queue).isSameAs(queues.resolveDestinationName(reading, till, false));
            sending.createProducer(queue).send(sending.createTextMessage("{\"eventId\":\"order-2:ISSUED\"}"));

            assertThat(((ActiveMQDestination) queue).isCreated()).isTrue();
            // the broker counts a message once its queue has taken it, which may follow the send's return
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount(till) == 1);
            assertThat(receiveAll(reading, till)).containsExactly("{\"eventId\":\"order-2:ISSUED\"}");
        }
        // Artemis' reaper would delete an empty auto-created queue without consumers (every 30 s by default)
        JsonNode settings = Json.MAPPER.readTree(serverControl().getAddressSettingsAsJSON(till));
        assertThat(settings.path("autoDeleteQueues").asBoolean(true)).isFalse();
        assertThat(settings.path("autoDeleteAddresses").asBoolean(true)).isFalse();
    }

    private static List<String> receiveAll(Session session, String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            for (Message message = consumer.receive(2000); message != null; message = consumer.receive(500)) {
                bodies.add(((TextMessage) message).getText());
            }
        }
        return bodies;
    }

    private static ActiveMQServerControl serverControl() throws Exception {
        return control(MANAGEMENT.getActiveMQServerObjectName(), ActiveMQServerControl.class);
    }

    private static AddressControl addressControl(String address) throws Exception {
        return control(MANAGEMENT.getAddressObjectName(SimpleString.of(address)), AddressControl.class);
    }

    /** The broker's management bean of that name, as JMX (Hawtio) shows it. */
    private static <T> T control(ObjectName name, Class<T> type) {
        return MBeanServerInvocationHandler.newProxyInstance(ManagementFactory.getPlatformMBeanServer(), name, type, false);
    }

    /** The cache size the broker applies to an address, as its management (JMX, Hawtio) shows it. */
    private static int idCacheSize(String address) throws Exception {
        return addressSetting(address, "idCacheSize");
    }

    private static int addressSetting(String address, String name) throws Exception {
        JsonNode settings = Json.MAPPER.readTree(serverControl().getAddressSettingsAsJSON(address));
        return settings.path(name).asInt(-1);
    }
}
