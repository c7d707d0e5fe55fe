package com.seqrbackoffice.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.seqrbackoffice.payments.Json;

/**
 * What a till or the order system does: a plain JMS client on the broker's TCP acceptor that sends JSON
 * messages and reads events, as real clients would.
 */
public final class TillClient implements AutoCloseable {

    private final Connection connection;
    private final Session session;

    public TillClient(String brokerUrl, String user, String password) {
        try {
            connection = new ActiveMQConnectionFactory(brokerUrl, user, password).createConnection();
            connection.start();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot connect to " + brokerUrl, e);
        }
    }

    /** A client with the app's user, on the app's embedded broker or the external one it uses. */
    public static TillClient of(RunningApp app) {
        String url = Boolean.parseBoolean(app.setting("broker.embedded")) ? app.setting("broker.embedded.acceptor")
                : app.setting("broker.url");
        return new TillClient(url, app.setting("broker.user"), app.setting("broker.password"));
    }

    public synchronized void send(String queue, String json) {
        send(queue, json, Map.of());
    }

    /** Sends with JMS string properties, e.g. a test's own tag to find the message again on the dead-letter queue. */
    public synchronized void send(String queue, String json, Map<String, String> properties) {
        send(queue, session -> session.createTextMessage(json), properties);
    }

    /** Makes a message with the client's session: one of a type the app refuses, say. */
    @FunctionalInterface
    public interface MessageMaker {
        Message make(Session session) throws JMSException;
    }

    /** Sends a message the caller makes (any JMS message type), with JMS string properties. */
    public synchronized void send(String queue, MessageMaker maker, Map<String, String> properties) {
        try (var producer = session.createProducer(session.createQueue(queue))) {
            Message message = maker.make(session);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            producer.send(message);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot send to " + queue, e);
        }
    }

    /** The next message on the queue that matches the JMS selector (null: any), or null after the timeout. */
    public synchronized Received receive(String queue, String selector, Duration timeout) {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            Message message = consumer.receive(timeout.toMillis());
            return message == null ? null : Received.of(message);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot receive from " + queue, e);
        }
    }

    /** Every message on the queue that matches the selector, until none comes for the quiet period. */
    public synchronized List<Received> drain(String queue, String selector, Duration quiet) {
        List<Received> received = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            Message message;
            while ((message = consumer.receive(quiet.toMillis())) != null) {
                received.add(Received.of(message));
            }
            return received;
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot receive from " + queue, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (JMSException e) {
            // the broker may already be gone at the end of a test
        }
    }

    /** A received message: its JSON body as a map and its string properties. */
    public record Received(String text, Map<String, Object> json, Map<String, String> properties) {

        static Received of(Message message) throws JMSException {
            String text = message instanceof TextMessage textMessage ? textMessage.getText() : null;
            Map<String, String> properties = new java.util.HashMap<>();
            for (var names = message.getPropertyNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                Object value = message.getObjectProperty(name);
                properties.put(name, value == null ? null : value.toString());
            }
            Map<String, Object> json;
            try {
                json = Json.MAPPER.readValue(text, new TypeReference<>() { });
            } catch (Exception e) {
                json = Map.of();
            }
            return new Received(text, json, properties);
        }

        public String field(String name) {
            Object value = json.get(name);
            return value == null ? null : value.toString();
        }

        @SuppressWarnings("unchecked")
        public String money(String name) {
            Map<String, Object> money = (Map<String, Object>) json.get(name);
            return money == null ? null : money.get("value") + " " + money.get("currency");
        }
    }
}
