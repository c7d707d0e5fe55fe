package com.seqrbackoffice.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsComponent;

import com.seqrbackoffice.seqr.api.ErswsPaymentStatusResponse;
import com.seqrbackoffice.seqr.api.ErswsRegisterTerminalResponse;
import com.seqrbackoffice.seqr.api.ErswsSendInvoiceResponse;
import com.seqrbackoffice.seqr.client.SeqrInvoice;
import com.seqrbackoffice.seqr.client.SeqrInvoiceRow;
import com.seqrbackoffice.seqr.client.SeqrRequests;
import com.seqrbackoffice.seqr.client.TerminalCredentials;

/**
 * The raw rate of each resource a payment uses, measured alone through the app's own clients (the
 * {@code cxf:bean:seqr} endpoint, the {@code jms} component's pooled connections, the ledger's pool), at the
 * concurrency the payment routes may reach. Each is expressed per payment by counting what one payment takes in the
 * routes (see {@link #PER_PAYMENT}).
 */
final class RawLimits {

    /**
     * What one preliminary payment costs, counted from the routes with a customer who confirms before the first
     * poll. SEQR: sendInvoice, getPaymentStatus (RESERVED), updateInvoice, commitReservation, getPaymentStatus
     * (PAID). Broker: the request, the ISSUED, RESERVED and PAID events, one status poll and the fulfilment, each
     * sent and received once. Ledger: see {@link #ledgerWorkOfOnePayment}.
     */
    static final Map<String, Integer> PER_PAYMENT = Map.of("soapCalls", 5, "messages", 6, "ledgerWrites", 14);

    private static final BigDecimal ESTIMATE = new BigDecimal("100.00");
    private static final BigDecimal FINAL = new BigDecimal("80.00");
    private static final String PAYLOAD = "x".repeat(400);
    private static final Duration REGISTER_PATIENCE = Duration.ofMinutes(1);

    /** One resource's measured rate and what it allows. */
    record Limit(String resource, String unit, int unitsPerPayment, double unitsPerSecond, double paymentsPerSecond) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("unit", unit);
            json.put("perPayment", unitsPerPayment);
            json.put("perSecond", Samples.round(unitsPerSecond));
            json.put("paymentsPerSecond", Samples.round(paymentsPerSecond));
            return json;
        }
    }

    private final CamelContext context;
    private final int concurrency;
    private final Duration warmUp;
    private final Duration measure;
    private final Failures soapFailures = new Failures();

    RawLimits(CamelContext context, int concurrency, Duration warmUp, Duration measure) {
        this.context = context;
        this.concurrency = concurrency;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /**
     * SOAP calls per second: each worker runs a whole payment's calls on a terminal of its own (SEQR keeps one open
     * invoice per terminal), with the emulator confirming at once, through the routes' endpoint.
     */
    Limit soap() throws Exception {
        SeqrRequests requests = context.getRegistry().lookupByNameAndType("seqrRequests", SeqrRequests.class);
        ProducerTemplate template = context.createProducerTemplate();
        String run = UUID.randomUUID().toString().substring(0, 6);
        // each worker registers its terminal first, before the warm-up: one by one, at SEQR's latency, they would take long
        double payments = Workers.rateOfWorkers("soap", concurrency, warmUp, measure, worker -> {
            TerminalCredentials terminal = register(template, requests, "bench-raw-" + run + "-" + worker, soapFailures);
            return () -> {
                try {
                    onePaymentsCalls(template, requests, terminal);
                    return true;
                } catch (CamelExecutionException e) {
                    // a call past seqr.receive-timeout-ms on a crowded machine: the routes would retry; counted apart
                    soapFailures.add(e);
                    return false;
                }
            };
        });
        template.stop();
        int calls = PER_PAYMENT.get("soapCalls");
        return new Limit("SEQR SOAP", "calls", calls, payments * calls, payments);
    }

    /**
     * Registers a terminal, again while the call times out: workers registering at once in an emulator JVM that has
     * just started, on a crowded machine, can take longer than the receive timeout for a while. Setting up is not
     * measured, so it only gives up after {@link #REGISTER_PATIENCE}.
     */
    private static TerminalCredentials register(ProducerTemplate template, SeqrRequests requests, String name,
                                                Failures failed) {
        String password = "bench-" + name;
        long giveUpAt = System.nanoTime() + REGISTER_PATIENCE.toNanos();
        while (true) {
            try {
                return new TerminalCredentials(template.requestBody(call("registerTerminal"),
                        requests.registerTerminal(name, password, name), ErswsRegisterTerminalResponse.class)
                        .getTerminalId(), password);
            } catch (CamelExecutionException e) {
                failed.add(e);
                if (System.nanoTime() > giveUpAt) {
                    throw e;
                }
            }
        }
    }

    /** Calls of the SOAP measurement that failed (timeouts: a payment's calls, or a registration), warm-up included; not in its rate. */
    Failures soapFailures() {
        return soapFailures;
    }

    /** Failed calls: how many, and what the first one said, so that a rate of 0 comes with its reason. */
    static final class Failures {
        private final LongAdder count = new LongAdder();
        private final AtomicReference<String> first = new AtomicReference<>();

        void add(Exception failure) {
            count.increment();
            Throwable cause = failure;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            first.compareAndSet(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }

        long count() {
            return count.sum();
        }

        /** The innermost cause of the first failure, or null when none failed. */
        String first() {
            return first.get();
        }
    }

    private static void onePaymentsCalls(ProducerTemplate template, SeqrRequests requests, TerminalCredentials terminal) {
        String orderId = "bench-raw-" + UUID.randomUUID();
        String reference = template.requestBody(call("sendInvoice"), requests.sendInvoice(terminal,
                invoice(orderId, ESTIMATE, 3600L)), ErswsSendInvoiceResponse.class).getInvoiceReference();
        int version = status(template, requests, terminal, reference, 0).getVersion();
        template.requestBody(call("updateInvoice"), requests.updateInvoice(terminal, reference,
                invoice(orderId, FINAL, null)));
        template.requestBody(call("commitReservation"), requests.commitReservation(terminal, reference, FINAL, "SEK"));
        status(template, requests, terminal, reference, version);
    }

    /**
     * Persistent messages per second on the broker: each worker, in a transacted session of the app's pooled
     * connection factory, receives a message and sends one in the same transaction, as a route does.
     */
    Limit broker() throws Exception {
        ConnectionFactory factory = context.getRegistry().lookupByNameAndType("jms", JmsComponent.class)
                .getConfiguration().getConnectionFactory();
        String queueName = "bench.raw." + UUID.randomUUID().toString().substring(0, 6);
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queueName));
            for (int i = 0; i < concurrency * 4; i++) {
                producer.send(session.createTextMessage(PAYLOAD));
            }
            session.commit();
            double messages = Workers.rateOfWorkers("broker", concurrency, warmUp, measure,
                    worker -> relay(factory, queueName));
            drain(session, session.createQueue(queueName));
            int perPayment = PER_PAYMENT.get("messages");
            return new Limit("broker", "messages", perPayment, messages, messages / perPayment);
        }
    }

    /** Ledger writes per second: each worker does the ledger work of one payment at a time, as the routes do. */
    Limit ledger() throws Exception {
        DataSource dataSource = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        String terminalId = "bench-ledger-" + UUID.randomUUID().toString().substring(0, 6);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into terminals (terminal_id, name, status, "
                     + "registered_at, updated_at) values (?, 'Bench', 'UNREGISTERED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            insert.setString(1, terminalId);
            insert.executeUpdate();
        }
        double payments = Workers.rate("ledger", concurrency, warmUp, measure,
                worker -> ledgerWorkOfOnePayment(dataSource, terminalId, "bench-ledger-" + UUID.randomUUID()));
        int writes = PER_PAYMENT.get("ledgerWrites");
        return new Limit("ledger", "writes", writes, payments * writes, payments);
    }

    private static Workers.Worker relay(ConnectionFactory factory, String queueName) throws Exception {
        jakarta.jms.Connection connection = factory.createConnection();
        connection.start();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue(queueName);
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        return new Workers.Worker() {
            @Override
            public boolean loop() throws Exception {
                if (consumer.receive(1000) == null) {
                    return false;
                }
                producer.send(session.createTextMessage(PAYLOAD));
                session.commit();
                return true;
            }

            @Override
            public void close() throws Exception {
                connection.close();
            }
        };
    }

    private static void drain(Session session, Queue queue) throws Exception {
        try (MessageConsumer consumer = session.createConsumer(queue)) {
            while (consumer.receive(200) != null) {
                session.commit();
            }
        }
    }

    /**
     * The ledger statements of one payment, in the routes' transactions: the ISSUED record (payment-start), the
     * RESERVED record with its hold (payment-status), the fulfilment's claim, and the PAID record with capture,
     * release and processed message id (fulfilment), each event kept in payment_events (ISSUED, RESERVED, PAID);
     * with the reads the routes make on the way. 14 writes, 6 reads.
     */
    private static boolean ledgerWorkOfOnePayment(DataSource dataSource, String terminalId, String orderId)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            read(connection, "select * from payments where order_id = ?", orderId);
            write(connection, "insert into payments (order_id, request_message_id, terminal_id, invoice_reference, status, "
                    + "currency, reserved_amount, seqr_version, title, commit_timeout_seconds, confirm_deadline, "
                    + "commit_deadline, created_at, updated_at) values (?, ?, ?, ?, 'ISSUED', 'SEK', 100.00, 0, 'Bench', "
                    // deadlines a day ahead: the hold sweep leaves these rows alone while the run measures its own
                    + "3600, CURRENT_TIMESTAMP + INTERVAL '1' DAY, CURRENT_TIMESTAMP + INTERVAL '1' DAY, CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP)",
                    orderId, "req-" + orderId, terminalId, "ref-" + orderId);
            history(connection, orderId, "ISSUED");
            connection.commit();
            event(connection, orderId, "ISSUED");
            connection.commit();

            write(connection, "update payments set status = 'RESERVED', seqr_version = 1, updated_at = CURRENT_TIMESTAMP "
                    + "where order_id = ? and status in ('ISSUED', 'RESERVED')", orderId);
            history(connection, orderId, "RESERVED");
            entry(connection, orderId, "RESERVATION", "reserved_amount");
            read(connection, "select * from payments where order_id = ?", orderId);
            event(connection, orderId, "RESERVED");
            connection.commit();

            connection.setAutoCommit(true);
            read(connection, "select count(*) from camel_messageprocessed where processorName = 'bench' and messageId = ?",
                    orderId);
            read(connection, "select * from payments where order_id = ?", orderId);
            write(connection, "update payments set fulfilment_message_id = ? where order_id = ? and status = 'RESERVED'",
                    "ful-" + orderId, orderId);
            connection.setAutoCommit(false);

            write(connection, "update payments set status = 'PAID', final_amount = 80.00, updated_at = CURRENT_TIMESTAMP "
                    + "where order_id = ? and status = 'RESERVED'", orderId);
            history(connection, orderId, "PAID");
            entry(connection, orderId, "CAPTURE", "final_amount");
            entry(connection, orderId, "RELEASE", "reserved_amount - final_amount");
            write(connection, "insert into camel_messageprocessed (processorName, messageId, createdAt) "
                    + "values ('bench', ?, CURRENT_TIMESTAMP)", orderId);
            read(connection, "select * from payments where order_id = ?", orderId);
            event(connection, orderId, "PAID");
            connection.commit();
            connection.setAutoCommit(true);
        }
        return true;
    }

    private static void history(Connection connection, String orderId, String status) throws SQLException {
        write(connection, "insert into payment_status_history (order_id, status, seqr_version, reason, recorded_at) "
                + "values (?, ?, 1, null, CURRENT_TIMESTAMP)", orderId, status);
    }

    /** The route's statement (sql/events/record-payment-event.sql), with a body of about an event's size. */
    private static void event(Connection connection, String orderId, String status) throws SQLException {
        write(connection, "insert into payment_events (event_id, order_id, terminal_id, event_type, body, published_at) "
                + "select ?, ?, null, 'PAYMENT_STATUS', ?, CURRENT_TIMESTAMP from (values (1)) as one (x) "
                + "where not exists (select 1 from payment_events where event_id = ?)",
                orderId + ":" + status, orderId, PAYLOAD, orderId + ":" + status);
    }

    private static void entry(Connection connection, String orderId, String type, String amount) throws SQLException {
        write(connection, "insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency, "
                + "invoice_reference, recorded_at) select order_id || ':" + type + "', order_id, terminal_id, '" + type
                + "', " + amount + ", currency, invoice_reference, CURRENT_TIMESTAMP from payments where order_id = ?",
                orderId);
    }

    private static void write(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static void read(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeQuery().close();
        }
    }

    private static ErswsPaymentStatusResponse status(ProducerTemplate template, SeqrRequests requests,
                                                     TerminalCredentials terminal, String reference, int version) {
        return template.requestBody(call("getPaymentStatus"), requests.getPaymentStatus(terminal, reference, version),
                ErswsPaymentStatusResponse.class);
    }

    private static SeqrInvoice invoice(String orderId, BigDecimal amount, Long commitTimeoutSeconds) {
        return new SeqrInvoice(orderId, "Bench", "SEK", amount,
                List.of(new SeqrInvoiceRow("Fuel 95", null, BigDecimal.ONE, amount, null)), null, null,
                commitTimeoutSeconds);
    }

    private static String call(String operation) {
        return "cxf:bean:seqr?defaultOperationName=" + operation;
    }
}
