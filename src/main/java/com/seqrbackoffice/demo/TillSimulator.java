package com.seqrbackoffice.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.seqrbackoffice.payments.Json;

/**
 * Tills and an order system as the product's users have them: each till registers, then takes payments one
 * after another through the real queues (request, wait for RESERVED, fulfil for a final amount at most the
 * estimate, wait for PAID), as a fuel pump would. Prints a progress line while it runs.
 */
public final class TillSimulator {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    private final ConnectionFactory broker;
    private final Map<String, String> queues;
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();

    /** @param queues the queue names by setting suffix: terminal-commands, payment-requests, fulfilment, payment-events */
    public TillSimulator(ConnectionFactory broker, Map<String, String> queues) {
        this.broker = broker;
        this.queues = queues;
    }

    /** Runs {@code payments} payments on {@code tills} tills; returns how many ended in each status. */
    public Map<String, Integer> run(int payments, int tills) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tills);
        String runId = UUID.randomUUID().toString().substring(0, 6);
        for (int till = 0; till < tills; till++) {
            int share = payments / tills + (till < payments % tills ? 1 : 0);
            String terminalId = "demo-" + runId + "-till-" + till;
            pool.execute(() -> runTill(terminalId, share));
        }
        pool.shutdown();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            System.out.printf("\r%d/%d payments done %s   ", finished.get(), payments, outcomes);
        }
        System.out.printf("\r%d/%d payments done %s   %n", finished.get(), payments, outcomes);
        Map<String, Integer> result = new java.util.TreeMap<>();
        outcomes.forEach((status, count) -> result.put(status, count.get()));
        return result;
    }

    private void runTill(String terminalId, int payments) {
        try (Connection connection = broker.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createQueue(queues.get("payment-events")),
                    "terminalId = '" + terminalId + "'");
            send(session, "terminal-commands", Map.of("messageId", id("cmd"), "command", "REGISTER",
                    "terminalId", terminalId, "name", "Demo " + terminalId));
            if (!"TERMINAL_REGISTERED".equals(next(events).path("type").asText())) {
                throw new IllegalStateException("till " + terminalId + " was not registered");
            }
            for (int i = 0; i < payments; i++) {
                count(pay(session, events, terminalId));
            }
        } catch (JMSException e) {
            System.err.println("Till " + terminalId + " stopped: " + e.getMessage());
        }
    }

    private String pay(Session session, MessageConsumer events, String terminalId) throws JMSException {
        String orderId = id("order");
        BigDecimal estimate = BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(100, 1000)).setScale(2);
        send(session, "payment-requests", Map.of("messageId", id("pay"), "terminalId", terminalId, "orderId", orderId,
                "title", "Pump", "amount", money(estimate)));
        String status = untilNotIssued(events, orderId);
        if (!status.equals("RESERVED")) {
            return status;
        }
        BigDecimal finalAmount = estimate.multiply(BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(50, 101)))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
        send(session, "fulfilment", Map.of("messageId", id("ful"), "orderId", orderId, "finalAmount", money(finalAmount),
                "rows", List.of(Map.of("description", "Fuel 95", "totalAmount", money(finalAmount)))));
        return untilNotIssued(events, orderId);
    }

    private String untilNotIssued(MessageConsumer events, String orderId) throws JMSException {
        while (true) {
            JsonNode event = next(events);
            if (event.isMissingNode()) {
                return "NO_ANSWER";
            }
            if (!orderId.equals(event.path("orderId").asText())) {
                continue;
            }
            if (event.path("type").asText().equals("ERROR")) {
                return "ERROR " + event.path("code").asText();
            }
            String status = event.path("status").asText();
            if (!status.equals("ISSUED")) {
                return status;
            }
        }
    }

    private JsonNode next(MessageConsumer events) throws JMSException {
        TextMessage message = (TextMessage) events.receive(EVENT_TIMEOUT.toMillis());
        if (message == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(message.getText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("An event is not JSON: " + message.getText(), e);
        }
    }

    private void send(Session session, String queue, Map<String, Object> message) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queues.get(queue)))) {
            producer.send(session.createTextMessage(Json.write(message)));
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
        finished.incrementAndGet();
    }

    private static Map<String, String> money(BigDecimal value) {
        return Map.of("value", value.toPlainString(), "currency", "SEK");
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
