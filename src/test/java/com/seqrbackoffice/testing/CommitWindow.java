package com.seqrbackoffice.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWith;
import org.springframework.core.Ordered;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stops a route exactly between the ledger's commit and the broker's, as a crash would: added with Camel's
 * AdviceWith at the end of a transacted route, it fails the ledger transaction just after it committed, once per
 * armed key, and rolls back the broker transactions that Spring would commit after it (a JMS session used in the
 * transaction joins it: the consumed message's, or a scheduled job's own). A message being processed is then
 * redelivered; a scheduled job's run ends there. One instance serves one kind of failure.
 */
public final class CommitWindow {

    private final Set<String> armed = ConcurrentHashMap.newKeySet();
    private final Set<String> fired = ConcurrentHashMap.newKeySet();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

    /** Adds the failure at the end of route {@code routeId}; {@code key} names what an exchange is doing there. */
    public void install(RunningApp app, String routeId, Function<Exchange, String> key) {
        advise(app, routeId, exchange -> {
            String name = key.apply(exchange);
            if (armed.remove(name) && TransactionSynchronizationManager.isSynchronizationActive()) {
                // Spring unbinds them before the ledger commits, and commits them after it
                List<Session> brokerTransactions = boundTransactedSessions();
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public int getOrder() {
                        return Ordered.HIGHEST_PRECEDENCE;
                    }

                    @Override
                    public void afterCommit() {
                        fired.add(name);
                        awaitRelease(name);
                        // what a crash does to them: what they sent is gone (Spring would commit them after a failed callback)
                        for (Session session : brokerTransactions) {
                            try {
                                session.rollback();
                            } catch (JMSException e) {
                                throw new IllegalStateException("Cannot roll back the broker's transaction", e);
                            }
                        }
                        throw new IllegalStateException("injected: the app stopped after the ledger commit of " + name);
                    }
                });
            }
        });
    }

    /** The transacted JMS sessions of the thread's transaction: the consumed message's, or a scheduled job's own. */
    private static List<Session> boundTransactedSessions() {
        List<Session> sessions = new ArrayList<>();
        for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
            if (resource instanceof JmsResourceHolder holder) {
                Session session = holder.getSession(Session.class);
                try {
                    if (session != null && session.getTransacted()) {
                        sessions.add(session);
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException("Cannot read the broker's session", e);
                }
            }
        }
        return sessions;
    }

    /**
     * Adds, at the end of route {@code routeId}, a failure just before the ledger's commit instead (once per armed
     * key): what the route sent at once is out, and its ledger transaction rolls back.
     */
    public void installBeforeCommit(RunningApp app, String routeId, Function<Exchange, String> key) {
        advise(app, routeId, exchange -> {
            String name = key.apply(exchange);
            if (armed.remove(name)) {
                fired.add(name);
                throw new IllegalStateException("injected: the app stopped before the ledger commit of " + name);
            }
        });
    }

    private static void advise(RunningApp app, String routeId, Processor failure) {
        try {
            AdviceWith.adviceWith(app.context(), routeId, route -> route.weaveAddLast().process(failure));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot advise route " + routeId, e);
        }
    }

    /** The next ledger commit of {@code key} is followed by the failure. */
    public void arm(String key) {
        armed.add(key);
    }

    /**
     * As {@link #arm}, with the failure held back until {@code released} counts down: meanwhile the ledger has
     * committed and the broker has not, and other messages are taken, as while a crashed app is down.
     */
    public void armHeld(String key, CountDownLatch released) {
        held.put(key, released);
        armed.add(key);
    }

    private void awaitRelease(String key) {
        CountDownLatch released = held.remove(key);
        try {
            if (released != null && !released.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the failure at " + key + " was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean fired(String key) {
        return fired.contains(key);
    }
}
