package com.seqrbackoffice.broker;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Inspects the dead-letter queue and moves dead letters back to the queue they came from, once their cause is
 * fixed: {@code java -jar seqr-backoffice.jar --dead-letters [queue]} lists them, {@code --replay-dead-letters
 * [queue]} replays them. The queue a letter came from is its {@code deadLetterQueue} property (set by the app's
 * error policy) or {@code _AMQ_ORIG_ADDRESS} (set when the broker moved it). Each letter moves in a transaction
 * of its own: it leaves the dead-letter queue exactly when it is back on its queue.
 */
public final class DeadLetters {

    /**
     * What the error policy recorded about a dead letter.
     *
     * @param timestamp when it was sent: when the app dead-lettered it, or the original send if the broker moved it
     */
    public record DeadLetter(String messageId, String queue, String route, String code, String reason,
                             Instant timestamp) {
    }

    private static final long QUIET_MILLIS = 1_000;

    private final ConnectionFactory connections;
    private final String deadLetterQueue;

    public DeadLetters(ConnectionFactory connections, String deadLetterQueue) {
        this.connections = connections;
        this.deadLetterQueue = deadLetterQueue;
    }

    /** The dead letters that came from {@code queue} (null: from any queue), oldest first. */
    public List<DeadLetter> list(String queue) {
        return list(queue, Integer.MAX_VALUE);
    }

    /** The first {@code max} dead letters that came from {@code queue} (null: from any queue), oldest first. */
    public List<DeadLetter> list(String queue, int max) {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<DeadLetter> letters = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(deadLetterQueue), selector(queue))) {
                Enumeration<?> messages = browser.getEnumeration();
                while (letters.size() < max && messages.hasMoreElements()) {
                    Message letter = (Message) messages.nextElement();
                    letters.add(new DeadLetter(letter.getJMSMessageID(), origin(letter), letter.getStringProperty("deadLetterRoute"),
                            letter.getStringProperty("deadLetterCode"), letter.getStringProperty("deadLetterReason"),
                            Instant.ofEpochMilli(letter.getJMSTimestamp())));
                }
            }
            return letters;
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot browse " + deadLetterQueue, e);
        }
    }

    /**
     * Moves the dead letters that came from {@code queue} (null: from any queue) back to it; returns how many. Only
     * the letters there when it starts: one refused again meanwhile comes back behind them and stays.
     */
    public int replay(String queue) {
        int waiting = list(queue).size();
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            int replayed = 0;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(deadLetterQueue), selector(queue));
                 MessageProducer producer = session.createProducer(null)) {
                Message letter;
                while (replayed < waiting && (letter = consumer.receive(QUIET_MILLIS)) != null) {
                    producer.send(session.createQueue(origin(letter)), asNew(session, letter));
                    session.commit();
                    replayed++;
                }
            }
            return replayed;
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot replay dead letters from " + deadLetterQueue, e);
        }
    }

    /**
     * {@code --dead-letters [queue]} or {@code --replay-dead-letters [queue]} against the broker of the settings
     * (broker.url, broker.user, broker.password, queue.dead-letter); returns the exit code.
     */
    public static int run(String[] args, Function<String, String> settings, PrintStream out) {
        String queue = args.length > 1 ? args[1] : null;
        try (ActiveMQConnectionFactory factory = BrokerSettings.connectionFactory(settings.apply("broker.url"),
                settings.apply("broker.user"), settings.apply("broker.password"))) {
            DeadLetters deadLetters = new DeadLetters(factory, settings.apply("queue.dead-letter"));
            if ("--replay-dead-letters".equals(args[0])) {
                out.println("Replayed " + deadLetters.replay(queue) + " dead letter(s)" + (queue == null ? "" : " to " + queue));
            } else {
                List<DeadLetter> letters = deadLetters.list(queue);
                letters.forEach(letter -> out.println(letter.queue() + "\t" + letter.route() + "\t" + letter.code() + "\t"
                        + letter.reason() + "\t" + letter.messageId()));
                out.println(letters.size() + " dead letter(s)");
            }
            return 0;
        }
    }

    /** A queue name as the queue.* settings give them (it goes into a selector, so never quoted text). */
    public static void checkQueueName(String queue) {
        if (!queue.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Not a queue name: " + queue);
        }
    }

    // Only letters whose queue is known can go back
    private static String selector(String queue) {
        if (queue == null) {
            return "deadLetterQueue IS NOT NULL OR _AMQ_ORIG_ADDRESS IS NOT NULL";
        }
        checkQueueName(queue);
        return "deadLetterQueue = '" + queue + "' OR _AMQ_ORIG_ADDRESS = '" + queue + "'";
    }

    private static String origin(Message letter) throws JMSException {
        String queue = letter.getStringProperty("deadLetterQueue");
        return queue != null ? queue : letter.getStringProperty("_AMQ_ORIG_ADDRESS");
    }

    /**
     * A fresh message with the letter's body and the sender's own properties: no dead-letter bookkeeping, and no
     * broker duplicate id, which would make the broker drop the replay as a message it has already seen.
     */
    private static Message asNew(Session session, Message letter) throws JMSException {
        TextMessage copy = session.createTextMessage(((TextMessage) letter).getText());
        for (Object name : Collections.list(letter.getPropertyNames())) {
            String property = (String) name;
            if (!property.startsWith("deadLetter") && !property.startsWith("_AMQ_") && !property.startsWith("JMS")) {
                copy.setObjectProperty(property, letter.getObjectProperty(property));
            }
        }
        return copy;
    }
}
