package com.seqrbackoffice.broker;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.springframework.jms.support.destination.DestinationResolver;

/**
 * One destination object per queue name for the whole app. The Artemis client asks the broker whether a queue exists
 * before the first send to each destination object, and marks the object once it has; Spring's default resolver makes
 * a new object for every send, so every send asked, and each ask walks every binding on the broker. With a queue per
 * terminal (issue 15) that took a sixth of the CPU of 2,000 polls a second and a fifth of 2,000 payments confirming.
 * <p>
 * Safe because neither broker auto-deletes a queue (EmbeddedBroker, config/artemis-broker.properties): a queue that
 * was there once stays.
 */
public final class CheckedQueues implements DestinationResolver {

    private final ConcurrentMap<String, Destination> queues = new ConcurrentHashMap<>();

    @Override
    public Destination resolveDestinationName(Session session, String name, boolean topic) throws JMSException {
        if (topic) {
            return session.createTopic(name);
        }
        Destination known = queues.get(name);
        if (known == null) {
            known = queues.computeIfAbsent(name, queue -> createQueue(session, queue));
        }
        return known;
    }

    private static Destination createQueue(Session session, String name) {
        try {
            return session.createQueue(name);
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot name queue " + name, e);
        }
    }
}
