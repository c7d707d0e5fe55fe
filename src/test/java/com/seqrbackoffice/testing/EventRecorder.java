package com.seqrbackoffice.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import com.seqrbackoffice.payments.Json;

/**
 * A till's view of {@code pos.payment.events} while the app (and with it an embedded broker) is killed under it:
 * it takes every event, counts how often each event id came, and connects again whenever the broker is gone.
 * Process-level tests compare what it took with what the ledger says happened.
 */
public final class EventRecorder implements AutoCloseable {

    private final String brokerUrl;
    private final String user;
    private final String password;
    private final String queue;
    private final Map<String, Integer> deliveries = new LinkedHashMap<>();
    private final Map<String, Integer> errorCodes = new TreeMap<>();
    private final Thread reader;
    private volatile boolean stopped;
    private volatile int reconnects;

    private EventRecorder(String brokerUrl, String user, String password, String queue) {
        this.brokerUrl = brokerUrl;
        this.user = user;
        this.password = password;
        this.queue = queue;
        this.reader = new Thread(this::read, "event-recorder");
        this.reader.setDaemon(true);
    }

    /** Starts taking the events of {@code queue} in a background thread. */
    public static EventRecorder start(String brokerUrl, String user, String password, String queue) {
        EventRecorder recorder = new EventRecorder(brokerUrl, user, password, queue);
        recorder.reader.start();
        return recorder;
    }

    private void read() {
        while (!stopped) {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
            factory.setReconnectAttempts(0);
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                while (!stopped) {
                    Message message = consumer.receive(250);
                    if (message instanceof TextMessage text) {
                        record(text.getText());
                    }
                }
            } catch (JMSException | RuntimeException e) {
                reconnects++;
                pause();
            } finally {
                factory.close();
            }
        }
    }

    private synchronized void record(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = Json.read(json, Map.class);
        deliveries.merge(String.valueOf(event.get("eventId")), 1, Integer::sum);
        if ("ERROR".equals(event.get("type"))) {
            errorCodes.merge(String.valueOf(event.get("code")), 1, Integer::sum);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The expected event ids that never came. */
    public synchronized List<String> missing(List<String> expected) {
        return expected.stream().filter(eventId -> !deliveries.containsKey(eventId)).toList();
    }

    /** Events taken, duplicates included. */
    public synchronized int taken() {
        return deliveries.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Event ids taken more than once. */
    public synchronized long duplicated() {
        return deliveries.values().stream().filter(count -> count > 1).count();
    }

    /** ERROR events by code. */
    public synchronized Map<String, Integer> errorCodes() {
        return new TreeMap<>(errorCodes);
    }

    /** Times the recorder lost the broker and connected again. */
    public int reconnects() {
        return reconnects;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        reader.join(5_000);
    }
}
