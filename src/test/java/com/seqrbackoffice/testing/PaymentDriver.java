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
import java.util.Locale;
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
 * Tills, an order system and a back office for process-level tests. Each till (a registered terminal) takes its
 * payments one after another: payment request, then — once the ledger shows the payment RESERVED — the fulfilment
 * for a final amount at most the estimate, until the payment is final. In a mixed run ({@link #startMixed}) each
 * order instead follows a {@link Scenario} picked at random, and a till that has taken its payments has a SEQR ID
 * assigned and is unregistered. The driver learns progress from the ledger, not from events, so that it keeps going
 * while app instances, the broker or the database are killed under it: a send that fails is retried with the same
 * message and the same broker duplicate id, as a careful till would do.
 */
public final class PaymentDriver implements AutoCloseable {

    public static final Set<String> FINAL = Set.of("PAID", "CANCELED", "EXPIRED", "FAILED");

    /** What a till does with one order of a mixed run. */
    public enum Scenario {
        /** Fulfil it once it is RESERVED. */
        PAY,
        /** Cancel it as soon as it is issued, mostly before the customer confirms. */
        CANCEL_UNCONFIRMED,
        /** Cancel it once it is RESERVED. */
        CANCEL_RESERVED,
        /** Fulfil it, then refund part of it and then the rest, one refund after the other. */
        PAY_AND_REFUND
    }

    /** A refund that the ledger refused (SEQR's reports show it was not made) is sent again this often at most. */
    private static final int REFUND_ATTEMPTS = 3;

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
    private final List<String> terminalCommands = new ArrayList<>();
    private boolean mixed;
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
        Scenario scenario;
        BigDecimal estimate;
        boolean fulfilmentSent;
        boolean cancelSent;
        String refundId;
        BigDecimal refundAmount;
        BigDecimal refunded;
        int refundsSent;
        int attempts;
        /** Mixed runs: 0 SEQR ID to assign, 1 assigning, 2 unregistering, 3 done. */
        int terminalPhase;

        Till(String terminalId, int payments) {
            this.terminalId = terminalId;
            this.left = payments;
        }

        boolean done(boolean mixed) {
            return left == 0 && orderId == null && (!mixed || terminalPhase == 3);
        }
    }

    /** A payment as the ledger shows it. */
    private record Seen(String status, BigDecimal finalAmount) {
    }

    /** Registers {@code count} terminals through the terminal commands queue and waits until the ledger has them. */
    public List<String> registerTerminals(int count, Duration timeout) throws InterruptedException {
        List<String> terminals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String terminalId = runId + "-till-" + i;
            terminals.add(terminalId);
            terminalCommand(Map.of("messageId", runId + "-register-" + i, "command", "REGISTER",
                    "terminalId", terminalId, "name", "Till " + i));
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
        mixed = false;
        begin(terminals, paymentsPerTill);
    }

    /**
     * Starts a mixed run in a background thread: {@code paymentsPerTill} orders on each terminal, each a random
     * {@link Scenario}, then each terminal's SEQR ID assigned and the terminal unregistered.
     */
    public synchronized void startMixed(List<String> terminals, int paymentsPerTill) {
        mixed = true;
        begin(terminals, paymentsPerTill);
    }

    private void begin(List<String> terminals, int paymentsPerTill) {
        terminals.forEach(terminal -> tills.put(terminal, new Till(terminal, paymentsPerTill)));
        runner = new Thread(this::runTills, "payment-driver");
        runner.setDaemon(true);
        runner.start();
    }

    private void runTills() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (this) {
                    if (tills.values().stream().allMatch(till -> till.done(mixed))) {
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
        Map<String, Seen> payments;
        Map<String, String> refunds;
        Map<String, String[]> terminals;
        try {
            payments = payments();
            refunds = mixed ? byFirstColumn("select refund_id, status from refunds where refund_id like ?",
                    row -> row.getString(2)) : Map.of();
            terminals = mixed ? terminals() : Map.of();
        } catch (SQLException e) {
            ledgerFailures++;
            return;
        }
        payments.forEach((order, seen) -> lastSeen.put(order, seen.status()));
        for (Till till : tills.values()) {
            if (till.orderId == null) {
                if (till.left > 0) {
                    newOrder(till);
                } else if (mixed) {
                    terminalStep(till, terminals.get(till.terminalId));
                }
                continue;
            }
            Seen seen = payments.get(till.orderId);
            String status = seen == null ? null : seen.status();
            boolean cancel = till.scenario == Scenario.CANCEL_RESERVED ? "RESERVED".equals(status)
                    : till.scenario == Scenario.CANCEL_UNCONFIRMED && ("ISSUED".equals(status) || "RESERVED".equals(status));
            if (cancel && !till.cancelSent) {
                till.cancelSent = true;
                String messageId = till.orderId + "-cancel";
                queue("pos.payment.cancellations", Json.write(Map.of("messageId", messageId, "orderId", till.orderId,
                        "reason", "customer left")), messageId);
            } else if ("RESERVED".equals(status) && !till.fulfilmentSent && !till.cancelSent) {
                till.fulfilmentSent = true;
                BigDecimal finalAmount = till.estimate.multiply(BigDecimal.valueOf(50 + random.nextInt(51)))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
                String messageId = till.orderId + "-fulfilment";
                queue("orders.fulfilment", Json.write(Map.of("messageId", messageId, "orderId", till.orderId,
                        "finalAmount", money(finalAmount),
                        "rows", List.of(Map.of("description", "Fuel 95", "totalAmount", money(finalAmount))))), messageId);
            } else if (status != null && FINAL.contains(status)) {
                boolean refunding = till.scenario == Scenario.PAY_AND_REFUND && "PAID".equals(status)
                        && refundStep(till, seen.finalAmount(), refunds);
                if (!refunding) {
                    outcomes.put(till.orderId, status);
                    till.orderId = null;
                }
            }
        }
    }

    private void newOrder(Till till) {
        till.left--;
        till.orderId = runId + "-order-" + outcomes.size() + "-" + till.terminalId.substring(runId.length() + 1);
        till.scenario = mixed ? Scenario.values()[random.nextInt(Scenario.values().length)] : Scenario.PAY;
        till.estimate = BigDecimal.valueOf(100 + random.nextInt(900)).setScale(2);
        till.fulfilmentSent = false;
        till.cancelSent = false;
        till.refundId = null;
        till.refunded = BigDecimal.ZERO;
        till.refundsSent = 0;
        till.attempts = 0;
        outcomes.put(till.orderId, null);
        String messageId = till.orderId + "-request";
        queue("pos.payment.requests", Json.write(Map.of("messageId", messageId, "terminalId", till.terminalId,
                "orderId", till.orderId, "title", "Pump", "amount", money(till.estimate),
                "commitReservationTimeoutSeconds", 3600)), messageId);
    }

    /**
     * The back office refunds a paid order in two parts, one after the other; one the ledger refused (a refund whose
     * outcome was unknown and that SEQR's reports show was not made) is sent again under a new refund id. True while
     * a refund is still to come or under way.
     */
    private boolean refundStep(Till till, BigDecimal paid, Map<String, String> refunds) {
        if (till.refundId != null) {
            String status = refunds.get(till.refundId);
            if ("REFUNDED".equals(status)) {
                till.refunded = till.refunded.add(till.refundAmount);
                till.refundId = null;
                till.attempts = 0;
            } else if (!"REFUSED".equals(status)) {
                return true; // under way
            } else if (till.attempts >= REFUND_ATTEMPTS) {
                return false; // refused for good: the test's checks tell
            } else {
                till.refundId = null; // not made: the same part again, under a new refund id
            }
        }
        BigDecimal left = paid.subtract(till.refunded);
        if (left.signum() == 0) {
            return false;
        }
        till.refundAmount = till.refunded.signum() == 0
                ? paid.multiply(BigDecimal.valueOf(40)).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN) : left;
        till.attempts++;
        till.refundId = till.orderId + "-refund-" + ++till.refundsSent;
        String messageId = till.refundId + "-message";
        queue("backoffice.refunds", Json.write(Map.of("messageId", messageId, "refundId", till.refundId,
                "orderId", till.orderId, "amount", money(till.refundAmount), "reason", "returned goods")), messageId);
        return true;
    }

    /** After its payments, a till of a mixed run gets a SEQR ID and is then unregistered. */
    private void terminalStep(Till till, String[] terminal) {
        String seqrId = till.terminalId.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        switch (till.terminalPhase) {
            case 0 -> {
                till.terminalPhase = 1;
                terminalCommand(Map.of("messageId", till.terminalId + "-assign", "command", "ASSIGN_SEQR_ID",
                        "terminalId", till.terminalId, "seqrId", seqrId));
            }
            case 1 -> {
                if (terminal != null && seqrId.equals(terminal[1])) {
                    till.terminalPhase = 2;
                    terminalCommand(Map.of("messageId", till.terminalId + "-unregister", "command", "UNREGISTER",
                            "terminalId", till.terminalId));
                }
            }
            case 2 -> {
                if (terminal != null && "UNREGISTERED".equals(terminal[0])) {
                    till.terminalPhase = 3;
                }
            }
            default -> { }
        }
    }

    private void terminalCommand(Map<String, String> command) {
        terminalCommands.add(command.get("messageId") + ":" + switch (command.get("command")) {
            case "REGISTER" -> "TERMINAL_REGISTERED";
            case "UNREGISTER" -> "TERMINAL_UNREGISTERED";
            default -> "SEQR_ID_ASSIGNED";
        });
        queue("pos.terminal.commands", Json.write(command), command.get("messageId"));
    }

    /** The event id of every terminal command sent, as its event names it ({@code <messageId>:<type>}). */
    public synchronized List<String> terminalEventIds() {
        return List.copyOf(terminalCommands);
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

    private Map<String, Seen> payments() throws SQLException {
        return byFirstColumn("select order_id, status, final_amount from payments where order_id like ?", row -> {
            BigDecimal finalAmount = row.getBigDecimal(3);
            // the ledger keeps 4 decimals; a message carries at most 2
            return new Seen(row.getString(2), finalAmount == null ? null : finalAmount.setScale(2, RoundingMode.UNNECESSARY));
        });
    }

    /** Each of the run's terminals: its status and SEQR ID. */
    private Map<String, String[]> terminals() throws SQLException {
        return byFirstColumn("select terminal_id, status, seqr_id from terminals where terminal_id like ?",
                row -> new String[] {row.getString(2), row.getString(3)});
    }

    /** Reads the rest of a row. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The run's rows that {@code sql} selects by a {@code like ?} on the run's id, by their first column. */
    private <T> Map<String, T> byFirstColumn(String sql, RowReader<T> rest) throws SQLException {
        Map<String, T> values = new HashMap<>();
        try (Connection db = open(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, runId + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rest.read(rows));
                }
            }
        }
        return values;
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
