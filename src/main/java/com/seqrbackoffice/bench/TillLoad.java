package com.seqrbackoffice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.seqrbackoffice.payments.Json;

/**
 * Tills and an order system driving the app through its real queues, without a thread per till: a few sessions
 * take every event from {@code pos.payment.events} and answer it (a fulfilment on RESERVED, the till's next
 * payment on PAID), so that thousands of payments can be in flight while the driver itself stays small.
 */
final class TillLoad implements AutoCloseable {

    /** A phase waits at most this long without any event before it gives up. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Map<String, String> ESTIMATE = Map.of("value", "100.00", "currency", "SEK");
    private static final Map<String, String> FINAL = Map.of("value", "80.00", "currency", "SEK");

    private final Map<String, String> queues;
    private final Connection connection;
    private final Session control;
    private final MessageProducer controlProducer;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> terminals = new ArrayList<>();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong lastEventNanos = new AtomicLong(System.nanoTime());
    private volatile Phase phase;

    /** One payment in flight; {@code till} is the index of its terminal. */
    private static final class Order {
        final int till;
        final long requestedNanos;
        volatile String invoiceReference;

        Order(int till, long requestedNanos) {
            this.till = till;
            this.requestedNanos = requestedNanos;
        }
    }

    /** What a phase counts down and how it goes on after each event. */
    private abstract static class Phase {
        final CountDownLatch registered;
        final CountDownLatch issued;
        final CountDownLatch done;

        Phase(int registrations, int issues, int completions) {
            registered = new CountDownLatch(registrations);
            issued = new CountDownLatch(issues);
            done = new CountDownLatch(completions);
        }

        /** The customer confirmed: what the order system does next (in the event session). */
        abstract void reserved(String orderId, Order order, Sender sender) throws JMSException;

        /** The payment ended (PAID, or anything else final). */
        abstract void ended(String orderId, Order order, String outcome, Sender sender) throws JMSException;
    }

    /** Sends a message to a queue named by its setting suffix (payment-requests, fulfilment...). */
    @FunctionalInterface
    private interface Sender {
        void send(String queue, Map<String, Object> message) throws JMSException;
    }

    /** @param queues queue names by setting suffix: terminal-commands, payment-requests, fulfilment, payment-events */
    TillLoad(ConnectionFactory broker, Map<String, String> queues, int eventSessions) throws JMSException {
        this.queues = queues;
        connection = broker.createConnection();
        control = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        controlProducer = control.createProducer(null);
        for (int i = 0; i < eventSessions; i++) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(null);
            Map<String, Queue> destinations = new ConcurrentHashMap<>();
            Sender sender = (queue, message) -> producer.send(destinations.computeIfAbsent(queue,
                    q -> queue(session, queues.get(q))), session.createTextMessage(Json.write(message)));
            session.createConsumer(session.createQueue(queues.get("payment-events")))
                    .setMessageListener(message -> onEvent(message, sender));
        }
        connection.start();
    }

    /** Registers {@code count} terminals through the terminal commands queue and waits until SEQR has them all. */
    void registerTerminals(int count) throws InterruptedException, JMSException {
        Phase registering = new Phase(count, 0, 0) {
            @Override
            void reserved(String orderId, Order order, Sender sender) {
            }

            @Override
            void ended(String orderId, Order order, String outcome, Sender sender) {
            }
        };
        phase = registering;
        for (int i = terminals.size(); i < count; i++) {
            String terminalId = "bench-" + run + "-till-" + i;
            terminals.add(terminalId);
            controlSend("terminal-commands", Map.of("messageId", id("cmd"), "command", "REGISTER",
                    "terminalId", terminalId, "name", "Bench till " + i));
        }
        await(registering.registered, "terminal registrations");
    }

    /**
     * {@code payments} payments on {@code tills} tills, each till taking its next payment when the last is PAID.
     * Returns the latency of each, request to PAID.
     */
    Samples endToEnd(int payments, int tills) throws InterruptedException, JMSException {
        Samples latency = new Samples();
        AtomicInteger toStart = new AtomicInteger(payments - tills);
        phase = new Phase(0, 0, payments) {
            @Override
            void reserved(String orderId, Order order, Sender sender) throws JMSException {
                sender.send("fulfilment", Map.of("messageId", id("ful"), "orderId", orderId,
                        "finalAmount", FINAL, "rows", List.of(Map.of("description", "Fuel 95", "totalAmount", FINAL))));
            }

            @Override
            void ended(String orderId, Order order, String outcome, Sender sender) throws JMSException {
                if (outcome.equals("PAID")) {
                    latency.add((System.nanoTime() - order.requestedNanos) / 1e6);
                }
                count(outcome);
                done.countDown();
                if (toStart.getAndDecrement() > 0) {
                    request(order.till, sender);
                }
            }
        };
        for (int till = 0; till < Math.min(tills, payments); till++) {
            request(till, this::controlSend);
        }
        await(phase.done, "payments");
        return latency;
    }

    /** Starts one payment on each of the first {@code count} terminals and waits until all are ISSUED. */
    List<String> startWaiting(int count) throws InterruptedException, JMSException {
        Phase waiting = new Phase(0, count, count) {
            @Override
            void reserved(String orderId, Order order, Sender sender) {
                count("RESERVED");
                done.countDown();
            }

            @Override
            void ended(String orderId, Order order, String outcome, Sender sender) {
                count(outcome);
                done.countDown();
            }
        };
        phase = waiting;
        List<String> started = new ArrayList<>();
        for (int till = 0; till < count; till++) {
            started.add(request(till, this::controlSend));
        }
        await(waiting.issued, "ISSUED events");
        List<String> references = new ArrayList<>();
        started.forEach(orderId -> references.add(orders.get(orderId).invoiceReference));
        return references;
    }

    /** Waits until every payment of {@link #startWaiting} has left ISSUED (RESERVED, or ended otherwise). */
    void awaitAnswered() throws InterruptedException {
        await(phase.done, "answered payments");
    }

    /** Payments per outcome so far (PAID, RESERVED, CANCELED, ERROR code...). */
    Map<String, Integer> outcomes() {
        Map<String, Integer> result = new TreeMap<>();
        outcomes.forEach((outcome, n) -> result.put(outcome, n.get()));
        return result;
    }

    void resetOutcomes() {
        outcomes.clear();
    }

    int terminalCount() {
        return terminals.size();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }

    private String request(int till, Sender sender) throws JMSException {
        String orderId = id("order");
        orders.put(orderId, new Order(till, System.nanoTime()));
        sender.send("payment-requests", Map.of("messageId", id("pay"), "terminalId", terminals.get(till),
                "orderId", orderId, "title", "Bench", "amount", ESTIMATE));
        return orderId;
    }

    private void onEvent(Message message, Sender sender) {
        lastEventNanos.set(System.nanoTime());
        Phase current = phase;
        try {
            JsonNode event = Json.MAPPER.readTree(((TextMessage) message).getText());
            String type = event.path("type").asText();
            if (type.equals("TERMINAL_REGISTERED")) {
                current.registered.countDown();
                return;
            }
            String orderId = event.path("orderId").asText();
            Order order = orders.get(orderId);
            if (order == null) {
                return;
            }
            if (type.equals("ERROR")) {
                orders.remove(orderId);
                current.ended(orderId, order, "ERROR " + event.path("code").asText(), sender);
                return;
            }
            String status = event.path("status").asText();
            switch (status) {
                case "ISSUED" -> {
                    order.invoiceReference = event.path("invoiceReference").asText();
                    current.issued.countDown();
                }
                case "RESERVED" -> current.reserved(orderId, order, sender);
                default -> {
                    orders.remove(orderId);
                    current.ended(orderId, order, status, sender);
                }
            }
        } catch (Exception e) {
            System.err.println("Bench: an event could not be handled: " + e);
        }
    }

    private void controlSend(String queue, Map<String, Object> message) throws JMSException {
        synchronized (control) {
            controlProducer.send(queue(control, queues.get(queue)), control.createTextMessage(Json.write(message)));
        }
    }

    private void await(CountDownLatch latch, String what) throws InterruptedException {
        lastEventNanos.set(System.nanoTime());
        while (!latch.await(1, TimeUnit.SECONDS)) {
            if (System.nanoTime() - lastEventNanos.get() > STALL.toNanos()) {
                throw new IllegalStateException("No event for " + STALL.toSeconds() + " s while waiting for " + what
                        + " (" + latch.getCount() + " missing); outcomes so far " + outcomes());
            }
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
    }

    private static Queue queue(Session session, String name) {
        try {
            return session.createQueue(name);
        } catch (JMSException e) {
            throw new IllegalStateException("No queue " + name, e);
        }
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
