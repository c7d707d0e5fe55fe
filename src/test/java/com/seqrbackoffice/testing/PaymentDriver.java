package com.seqrbackoffice.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import com.seqrbackoffice.payments.Json;

/**
 * Tills and an order system for process-level tests. Each till (a registered terminal) takes its payments one
 * after another: payment request, then — once the ledger shows the payment RESERVED — the fulfilment for a final
 * amount at most the estimate, until the payment is final. It learns progress from the ledger, not from events,
 * so that it keeps going while app instances, the broker or the database are killed under it: a send that fails
 * is retried with the same message and the same broker duplicate id, as a careful till would do.
 */
public final class PaymentDriver implements AutoCloseable {

    public static final Set<String> FINAL = Set.of("PAID", "CANCELED", "EXPIRED", "FAILED");

    private final String brokerUrl;
    private final String user;
    private final String password;
    private final Callable<Connection> ledger;
    private final String runId;
    private final Random random;
    private final Deque<String[]> unsent = new ArrayDeque<>();
    private jakarta.jms.Connection connection;
    private Session session;
    private Thread runner;
    private volatile Throwable failure;

    private final Map<String, Till> tills = new LinkedHashMap<>();
    private final Map<String, String> outcomes = new LinkedHashMap<>();
    private final Map<String, String> lastSeen = new HashMap<>();
    private volatile int sendFailures;
    private volatile int ledgerFailures;

    /** @param runId prefix of every terminal and order id this driver makes, so that its rows are told apart */
    public PaymentDriver(String brokerUrl, String user, String password, Callable<Connection> ledger, String runId, long seed) {
        // the client gives up on a dead broker at once: the driver's own loop retries
        this.brokerUrl = brokerUrl;
        this.user = user;
        this.password = password;
        this.ledger = ledger;
        this.runId = runId;
        this.random = new Random(seed);
    }

    private static final class Till {
        final String terminalId;
        int left;
        String orderId;
        BigDecimal estimate;
        boolean fulfilmentSent;

        Till(String terminalId, int payments) {
            this.terminalId = terminalId;
            this.left = payments;
        }
    }

    /** Registers {@code count} terminals through the terminal commands queue and waits until the ledger has them. */
    public List<String> registerTerminals(int count, Duration timeout) throws InterruptedException {
        List<String> terminals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String terminalId = runId + "-till-" + i;
            terminals.add(terminalId);
            String messageId = runId + "-register-" + i;
            queue("pos.terminal.commands", Json.write(Map.of("messageId", messageId, "command", "REGISTER",
                    "terminalId", terminalId, "name", "Till " + i)), messageId);
        }
        boolean registered = ManagedProcess.within(timeout, Duration.ofMillis(250), () -> {
            flush();
            return count("select count(*) from terminals where status = 'REGISTERED' and terminal_id like ?") >= count;
        });
        if (!registered) {
            throw new AssertionError("only " + count("select count(*) from terminals where status = 'REGISTERED' and terminal_id like ?")
                    + " of " + count + " terminals registered within " + timeout);
        }
        return terminals;
    }

    /** Starts the tills in a background thread: {@code paymentsPerTill} payments on each terminal. */
    public synchronized void start(List<String> terminals, int paymentsPerTill) {
        terminals.forEach(terminal -> tills.put(terminal, new Till(terminal, paymentsPerTill)));
        runner = new Thread(this::runTills, "payment-driver");
        runner.setDaemon(true);
        runner.start();
    }

    private void runTills() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (this) {
                    if (tills.values().stream().allMatch(till -> till.left == 0 && till.orderId == null)) {
                        return;
                    }
                    step();
                }
                flush();
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** One look at the ledger, and what each till does about it. */
    private void step() {
        Map<String, String> statuses;
        try {
            statuses = statuses();
        } catch (SQLException e) {
            ledgerFailures++;
            return;
        }
        lastSeen.putAll(statuses);
        for (Till till : tills.values()) {
            if (till.orderId == null) {
                if (till.left == 0) {
                    continue;
                }
                till.left--;
                till.orderId = runId + "-order-" + outcomes.size() + "-" + till.terminalId.substring(runId.length() + 1);
                till.estimate = BigDecimal.valueOf(100 + random.nextInt(900)).setScale(2);
                till.fulfilmentSent = false;
                outcomes.put(till.orderId, null);
                String messageId = till.orderId + "-request";
                queue("pos.payment.requests", Json.write(Map.of("messageId", messageId, "terminalId", till.terminalId,
                        "orderId", till.orderId, "title", "Pump", "amount", money(till.estimate),
                        "commitReservationTimeoutSeconds", 3600)), messageId);
                continue;
            }
            String status = statuses.get(till.orderId);
            if ("RESERVED".equals(status) && !till.fulfilmentSent) {
                till.fulfilmentSent = true;
                BigDecimal finalAmount = till.estimate.multiply(BigDecimal.valueOf(50 + random.nextInt(51)))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
                String messageId = till.orderId + "-fulfilment";
                queue("orders.fulfilment", Json.write(Map.of("messageId", messageId, "orderId", till.orderId,
                        "finalAmount", money(finalAmount),
                        "rows", List.of(Map.of("description", "Fuel 95", "totalAmount", money(finalAmount))))), messageId);
            } else if (status != null && FINAL.contains(status)) {
                outcomes.put(till.orderId, status);
                till.orderId = null;
            }
        }
    }

    /** Orders this driver has made so far, each with its final status (null while open). */
    public synchronized Map<String, String> outcomes() {
        return new LinkedHashMap<>(outcomes);
    }

    public synchronized long finished() {
        return outcomes.values().stream().filter(status -> status != null).count();
    }

    /** Orders whose payment the ledger shows in each status (not yet recorded: "none"). */
    public synchronized Map<String, Integer> statusCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.keySet().forEach(order -> counts.merge(lastSeen.getOrDefault(order, "none"), 1, Integer::sum));
        return counts;
    }

    /** Waits until every till took all its payments to a final status; false on timeout. */
    public boolean awaitAll(Duration timeout) throws InterruptedException {
        runner.join(timeout.toMillis());
        if (failure != null) {
            throw new AssertionError("the payment driver failed", failure);
        }
        return !runner.isAlive();
    }

    public int sendFailures() {
        return sendFailures;
    }

    public int ledgerFailures() {
        return ledgerFailures;
    }

    /** Sends a message as it is, with no broker duplicate id: the same message twice reaches the app twice. */
    public void sendWithoutDuplicateId(String queue, String json) throws JMSException {
        synchronized (unsent) {
            connect();
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                producer.send(session.createTextMessage(json));
            }
        }
    }

    private void queue(String queue, String json, String duplicateId) {
        synchronized (unsent) {
            unsent.add(new String[] {queue, json, duplicateId});
        }
    }

    /** Sends what is waiting; on a broker failure the rest waits for the next try, over a new connection. */
    private void flush() {
        synchronized (unsent) {
            while (!unsent.isEmpty()) {
                String[] message = unsent.peek();
                try {
                    connect();
                    try (MessageProducer producer = session.createProducer(session.createQueue(message[0]))) {
                        TextMessage text = session.createTextMessage(message[1]);
                        // a resend after an unclear failure is dropped by the broker if the first one arrived
                        text.setStringProperty("_AMQ_DUPL_ID", message[2]);
                        producer.send(text);
                    }
                    unsent.poll();
                } catch (JMSException | RuntimeException e) {
                    sendFailures++;
                    disconnect();
                    return;
                }
            }
        }
    }

    private void connect() throws JMSException {
        if (connection == null) {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
            factory.setReconnectAttempts(0);
            factory.setCallTimeout(10_000);
            connection = factory.createConnection();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        }
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                // the broker is gone: nothing to close on its side
            }
            connection = null;
            session = null;
        }
    }

    private Map<String, String> statuses() throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection db = open(); PreparedStatement query = db.prepareStatement(
                "select order_id, status from payments where order_id like ?")) {
            query.setString(1, runId + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return statuses;
    }

    private long count(String sql) {
        try (Connection db = open(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, runId + "-%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            ledgerFailures++;
            return -1;
        }
    }

    private Connection open() throws SQLException {
        try {
            return ledger.call();
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    private static Map<String, String> money(BigDecimal value) {
        return Map.of("value", value.toPlainString(), "currency", "SEK");
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.interrupt();
        }
        synchronized (unsent) {
            disconnect();
        }
    }
}
