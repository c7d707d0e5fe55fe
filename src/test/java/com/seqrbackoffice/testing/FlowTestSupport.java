package com.seqrbackoffice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;

import com.seqrbackoffice.app.BackofficeResources;
import com.seqrbackoffice.broker.EmbeddedBroker;
import com.seqrbackoffice.seqr.client.SeqrClientSettings;
import com.seqrbackoffice.seqr.emulator.EmulatorSettings;
import com.seqrbackoffice.seqr.emulator.SeqrEmulator;

/**
 * The real app with its emulator, started once per test class (by its {@code @BeforeAll} calling
 * {@link #startApp(Map)}) on its own data and ports, and a till that
 * talks to it through the broker. Tests assert what a user would check: events, ledger rows, SEQR calls.
 */
public abstract class FlowTestSupport {

    protected static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    protected static RunningApp app;
    protected static TillClient till;
    private static SeqrEmulator separateEmulator;
    private static PostgresTestDatabase postgres;
    private static ArtemisProcess externalBroker;

    /** Starts the app with test timings; {@code extra} settings override them (a test class's own needs). */
    protected static void startApp(Map<String, String> extra) {
        startApp(extra, Map.of());
    }

    /** As {@link #startApp(Map)}, with {@code beans} in the app's registry before it configures itself. */
    protected static void startApp(Map<String, String> extra, Map<String, Object> beans) {
        Properties settings = RunningApp.isolatedSettings();
        settings.setProperty("seqr.emulator.auto-confirm", "false");
        settings.setProperty("seqr.poll.interval-ms", "200");
        settings.setProperty("payment.fulfilment-wait-ms", "300");
        settings.setProperty("broker.redelivery-delay-ms", "100");
        settings.setProperty("broker.max-redelivery-delay-ms", "1000");
        // a test's dropped answer (held 3 s) is a lost one, as it would be in production after the longer defaults
        ConfigFile.load().stringPropertyNames().stream()
                .filter(key -> key.startsWith(SeqrClientSettings.OPERATION_TIMEOUT_PREFIX))
                .forEach(key -> settings.setProperty(key, "1500"));
        settings.putAll(extra);
        app = RunningApp.start(settings, beans);
        till = TillClient.of(app);
    }

    /**
     * Starts the app against an emulator of the test's own, as against a real SEQR: the emulator keeps its
     * state while the app is stopped and restarted.
     */
    protected static void startAppWithSeparateEmulator(Map<String, String> extra) {
        startAppWithSeparateEmulator(EmulatorSettings.defaults(), extra);
    }

    /** As {@link #startAppWithSeparateEmulator(Map)}, with an emulator of these settings. */
    protected static void startAppWithSeparateEmulator(EmulatorSettings seqr, Map<String, String> extra) {
        separateEmulator = new SeqrEmulator(seqr).start();
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put("seqr.emulator.enabled", "false");
        settings.put("seqr.url", separateEmulator.soapUrl());
        startApp(settings);
    }

    /**
     * Starts the app on a fresh PostgreSQL database (see PostgresTestDatabase), where H2's lenient typing hides
     * nothing: the production shape, so with secrets of its own (TestSecrets).
     */
    protected static void startAppOnPostgres(Map<String, String> extra) {
        postgres = PostgresTestDatabase.create();
        Map<String, String> settings = new java.util.HashMap<>(TestSecrets.appSettings(AppProcess.newPasswordKey()));
        settings.putAll(extra);
        postgres.ledgerSettings().forEach((key, value) -> settings.put((String) key, (String) value));
        startApp(settings);
    }

    /**
     * Starts an out-of-process Artemis broker as docker-compose.yml configures one (see ArtemisProcess), lets
     * {@code beforeApp} add its users, and starts the app on it; the broker stops after the app.
     */
    protected static ArtemisProcess startAppOnExternalBroker(String test, ArtemisSetup beforeApp, Map<String, String> extra)
            throws Exception {
        externalBroker = ArtemisProcess.start(test);
        beforeApp.accept(externalBroker);
        Map<String, String> settings = new java.util.HashMap<>(TestSecrets.appSettings(AppProcess.newPasswordKey()));
        settings.putAll(extra);
        settings.putAll(externalBroker.appSettings());
        startApp(settings);
        return externalBroker;
    }

    /** What a test does with its broker before the app starts on it. */
    @FunctionalInterface
    protected interface ArtemisSetup {
        void accept(ArtemisProcess broker) throws Exception;
    }

    /** Stops the app (the broker journal and ledger stay) and starts it again on the same data. */
    protected static void restartApp(Runnable whileStopped) {
        till.close();
        app.close();
        whileStopped.run();
        app.startAgain();
        till = TillClient.of(app);
    }

    @AfterAll
    static void stopApp() {
        if (till != null) {
            till.close();
        }
        if (app != null) {
            app.close();
        }
        if (separateEmulator != null) {
            separateEmulator.stop();
            separateEmulator = null;
        }
        if (externalBroker != null) {
            try {
                externalBroker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            externalBroker = null;
        }
        // last: closing it drops the database the app used
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    protected static String queue(String name) {
        return app.setting("queue." + name);
    }

    protected static SeqrEmulator emulator() {
        return separateEmulator != null ? separateEmulator : app.bean("seqrEmulator", SeqrEmulator.class);
    }

    protected static EmbeddedBroker broker() {
        return app.context().getRegistry().findSingleByType(BackofficeResources.class).embeddedBroker();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a till with SEQR through the terminal commands queue and waits for the event. */
    protected static String registeredTerminal() {
        String terminalId = unique("till");
        till.send(queue("terminal-commands"), """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till %s"}
                """.formatted(unique("c"), terminalId, terminalId));
        TillClient.Received event = till.receive(queue("payment-events"),
                "terminalId = '" + terminalId + "' AND type = 'TERMINAL_REGISTERED'", EVENT_TIMEOUT);
        assertThat(event).as("TERMINAL_REGISTERED event for " + terminalId).isNotNull();
        return terminalId;
    }

    protected static String paymentRequest(String terminalId, String orderId, String amount) {
        return paymentRequest(terminalId, orderId, amount, 3600);
    }

    /** A payment request whose hold waits {@code commitTimeoutSeconds} for its commit. */
    protected static String paymentRequest(String terminalId, String orderId, String amount, int commitTimeoutSeconds) {
        return """
                {"messageId": "%s", "terminalId": "%s", "orderId": "%s", "title": "Pump 4",
                 "amount": {"value": "%s", "currency": "SEK"}, "commitReservationTimeoutSeconds": %d}
                """.formatted(unique("p"), terminalId, orderId, amount, commitTimeoutSeconds);
    }

    protected static String fulfilment(String orderId, String finalAmount) {
        return """
                {"messageId": "%s", "orderId": "%s", "finalAmount": {"value": "%s", "currency": "SEK"},
                 "rows": [{"description": "Fuel 95", "quantity": "28.4", "totalAmount": {"value": "%s", "currency": "SEK"}}]}
                """.formatted(unique("f"), orderId, finalAmount, finalAmount);
    }

    /** The next event of the order with the given status (or type, for ERROR). */
    protected static TillClient.Received awaitStatus(String orderId, String status) {
        TillClient.Received event = till.receive(queue("payment-events"),
                "orderId = '" + orderId + "' AND type = 'PAYMENT_STATUS'", EVENT_TIMEOUT);
        assertThat(event).as("a status event for order " + orderId + " (expected " + status + ")").isNotNull();
        assertThat(event.field("status")).as("status of order " + orderId).isEqualTo(status);
        return event;
    }

    protected static TillClient.Received awaitError(String orderId) {
        TillClient.Received event = till.receive(queue("payment-events"),
                "orderId = '" + orderId + "' AND type = 'ERROR'", EVENT_TIMEOUT);
        assertThat(event).as("an ERROR event for order " + orderId).isNotNull();
        return event;
    }

    /** Starts a payment through the payment requests queue and waits for ISSUED; returns SEQR's invoice reference. */
    protected static String issuedPayment(String terminalId, String orderId, String amount) {
        return issuedPayment(terminalId, orderId, amount, 3600);
    }

    private static String issuedPayment(String terminalId, String orderId, String amount, int commitTimeoutSeconds) {
        till.send(queue("payment-requests"), paymentRequest(terminalId, orderId, amount, commitTimeoutSeconds));
        return awaitStatus(orderId, "ISSUED").field("invoiceReference");
    }

    /** Starts a payment and brings it to RESERVED as the customer would, through the emulator's app. */
    protected static String reservedPayment(String terminalId, String orderId, String amount) {
        return reservedPayment(terminalId, orderId, amount, 3600);
    }

    /** The same, with a hold that waits {@code commitTimeoutSeconds} for its commit. */
    protected static String reservedPayment(String terminalId, String orderId, String amount, int commitTimeoutSeconds) {
        String invoiceReference = issuedPayment(terminalId, orderId, amount, commitTimeoutSeconds);
        emulator().confirm(invoiceReference);
        awaitStatus(orderId, "RESERVED");
        return invoiceReference;
    }

    /** A payment reserved and then fulfilled for {@code captured}: PAID. */
    protected static void paidPayment(String terminal, String orderId, String reserved, String captured) {
        reservedPayment(terminal, orderId, reserved);
        till.send(queue("fulfilment"), fulfilment(orderId, captured));
        awaitStatus(orderId, "PAID");
    }

    /** SEQR's id of a registered till (what SEQR's reports name it by). */
    protected static String seqrTerminalId(String terminalId) {
        return (String) rows("select seqr_terminal_id from terminals where terminal_id = ?", terminalId).get(0)
                .get("seqr_terminal_id");
    }

    protected static List<Map<String, Object>> rows(String sql, Object... parameters) {
        return new LedgerRows(app.bean("dataSource", DataSource.class)::getConnection).query(sql, parameters);
    }

    /** The order's ledger entries as "TYPE amount", in the order they were written. */
    protected static List<String> ledgerEntries(String orderId) {
        return rows("select entry_type, amount from ledger_entries where order_id = ? order by id", orderId).stream()
                .map(row -> row.get("entry_type") + " " + ((java.math.BigDecimal) row.get("amount")).stripTrailingZeros().toPlainString())
                .toList();
    }

    /**
     * The order's ledger entries once it has {@code count} of them (or after 10 s): the hold sweep, a scheduled job,
     * sends its events just before its ledger transaction commits.
     */
    protected static List<String> ledgerEntriesOnceCommitted(String orderId, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> ledgerEntries(orderId), entries -> entries.size() >= count);
    }

    /** The confirmation deadline the ledger holds for the order, in epoch milliseconds (what a status poll carries). */
    protected static long confirmDeadlineMillis(String orderId) {
        return ((OffsetDateTime) rows("select confirm_deadline from payments where order_id = ?", orderId)
                .get(0).get("confirm_deadline")).toInstant().toEpochMilli();
    }

    /**
     * Puts a status poll on the polls queue, as the app schedules one (version 0), with the given fields and any
     * further string properties (a test's own tag); a null deadline sends the poll without one.
     */
    protected static void sendStatusPoll(String orderId, String terminalId, String invoiceReference,
                                         Long confirmDeadlineMillis, Map<String, String> tags) {
        Map<String, String> properties = new HashMap<>(tags);
        properties.putAll(Map.of("orderId", orderId, "terminalId", terminalId, "invoiceReference", invoiceReference));
        till.send(queue("status-polls"), session -> {
            var poll = session.createTextMessage("");
            poll.setIntProperty("seqrVersion", 0);
            if (confirmDeadlineMillis != null) {
                poll.setLongProperty("confirmDeadline", confirmDeadlineMillis);
            }
            return poll;
        }, properties);
    }

    protected static String paymentStatus(String orderId) {
        List<Map<String, Object>> rows = rows("select status from payments where order_id = ?", orderId);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }
}
