package com.seqrbackoffice.broker;

import static org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID;
import static org.apache.activemq.artemis.api.core.Message.HDR_SCHEDULED_DELIVERY_TIME;

import java.time.Duration;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;

import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the messages that fall due on one queue to the end of another, in the order they fell due.
 * <p>
 * Artemis puts the messages its scheduler releases at one moment at the head of their queue, ahead of those it
 * released before that no consumer has taken yet. While due messages queue up (more status polls fall due than the
 * instance makes in that moment), the newest are taken first and a few wait seconds. Released on a queue that only
 * this relay reads, they are pushed to it as they fall due (its consumer buffers a few batches' worth, so that they
 * do not wait at the broker while it keeps up, and an instance that stalls or dies holds back no more than that) and
 * sent on in that order; on the target queue, which no scheduler writes, they are taken first in, first out.
 * <p>
 * Each batch moves in one local transaction, received and sent together: a batch cut short by a crash, a failover
 * or an outage is rolled back and moved again, so a message is never lost or on both queues. Several instances may
 * each run one; their batches are independent.
 */
public final class DueMessageRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DueMessageRelay.class);

    private final ConnectionFactory connections;
    private final String from;
    private final String to;
    private final int batchSize;
    private final Duration retryAfter;
    private final Thread worker;
    private volatile boolean running = true;
    private volatile Connection connection;

    /**
     * @param connections a factory whose consumers buffer a few batches of messages ahead of their receive
     * @param batchSize   messages moved in one transaction at most: one commit, one journal write for all of them
     * @param retryAfter  the wait before connecting again after the broker was lost
     */
    public DueMessageRelay(ConnectionFactory connections, String from, String to, int batchSize, Duration retryAfter) {
        this.connections = connections;
        this.from = from;
        this.to = to;
        this.batchSize = batchSize;
        this.retryAfter = retryAfter;
        // a platform thread: on a virtual one it would wait behind hundreds of poll consumers for a carrier each time
        // it received, while an instance short of CPU let due messages queue at the broker, newest first
        this.worker = Thread.ofPlatform().daemon().name("due-message-relay[" + from + "]").unstarted(this::run);
    }

    public void start() {
        worker.start();
    }

    private void run() {
        boolean lost = false;
        while (running) {
            try (Connection opened = connections.createConnection()) {
                connection = opened;
                Session session = opened.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer due = session.createConsumer(session.createQueue(from));
                MessageProducer target = session.createProducer(session.createQueue(to));
                opened.start();
                if (lost) {
                    LOG.info("Moving due messages from {} to {} again", from, to);
                    lost = false;
                }
                while (running) {
                    try {
                        moveBatch(session, due, target);
                    } catch (TransactionRolledBackException e) {
                        // a failover to the backup broker: the batch comes back and is moved again
                        LOG.info("A batch of due messages on {} was rolled back ({}); moving it again", from,
                                e.getMessage());
                    }
                }
            } catch (JMSException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!lost) {
                    LOG.warn("Due messages on {} wait: the broker connection failed ({}); connecting again every {} ms",
                            from, e.getMessage(), retryAfter.toMillis());
                    lost = true;
                }
                pause();
            }
        }
    }

    private void moveBatch(Session session, MessageConsumer due, MessageProducer target) throws JMSException {
        Message message = due.receive(retryAfter.toMillis());
        if (message == null) {
            return;
        }
        int moved = 0;
        while (message != null) {
            // sent as it is, it would be scheduled again for a time already past, and released at the head again;
            // and its duplicate id has done its work on the scheduled queue's address, where a duplicate here would
            // fail the whole batch's commit, redelivery after redelivery
            ((ActiveMQMessage) message).getCoreMessage().removeProperty(HDR_SCHEDULED_DELIVERY_TIME);
            ((ActiveMQMessage) message).getCoreMessage().removeProperty(HDR_DUPLICATE_DETECTION_ID);
            target.send(message);
            moved++;
            message = moved < batchSize ? due.receiveNoWait() : null;
        }
        session.commit();
    }

    private void pause() {
        try {
            Thread.sleep(retryAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops moving; a batch not committed yet is rolled back by the broker and moved by the next start. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (JMSException e) {
                LOG.debug("Closing the relay's connection: {}", e.getMessage());
            }
        }
        worker.join(retryAfter.multipliedBy(2).toMillis());
    }
}
