package com.seqrbackoffice.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import com.seqrbackoffice.app.Application;
import com.seqrbackoffice.ledger.LedgerStatements;
import com.seqrbackoffice.ledger.LedgerStatements.Statement;

/**
 * {@code java -jar target/seqr-backoffice.jar --demo [payments] [tills]}: starts the app on the embedded defaults
 * with the emulator confirming every invoice as a customer would, runs the till simulator through the real
 * queues, prints a summary (payments per final state, ledger totals, time taken) and stops.
 */
public final class Demo {

    private static final String[] QUEUES = {"terminal-commands", "payment-requests", "fulfilment", "payment-events"};
    private static final Statement TOTALS_BY_TYPE = LedgerStatements.load("sql/ledger-entries/totals-by-type.sql");

    private Demo() {
    }

    public static void run(int payments, int tills) throws Exception {
        run(payments, tills, new Properties());
    }

    /** The demo with {@code settings} over the settings files (the emulator's customer confirms regardless). */
    public static void run(int payments, int tills, Properties overrides) throws Exception {
        // the progress line and the summary are the demo's output; the app's log would bury them
        Configurator.setRootLevel(Level.WARN);
        Properties settings = new Properties();
        settings.putAll(overrides);
        settings.setProperty("seqr.emulator.auto-confirm", "true");
        settings.setProperty("seqr.emulator.auto-confirm-delay-ms", "300");
        Main main = Application.create(settings);
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            Map<String, String> queues = new LinkedHashMap<>();
            for (String queue : QUEUES) {
                queues.put(queue, setting(context, "queue." + queue));
            }
            ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(setting(context, "broker.embedded.acceptor"),
                    setting(context, "broker.user"), setting(context, "broker.password"));
            System.out.printf("Demo: %d payments on %d tills through the real queues; the emulator confirms each invoice%n",
                    payments, tills);
            Instant start = Instant.now();
            Map<String, Integer> outcomes = new TillSimulator(broker, queues).run(payments, tills);
            Duration took = Duration.between(start, Instant.now());
            broker.close();
            printSummary(outcomes, ledgerTotals(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class)), took);
        } finally {
            main.stop();
        }
    }

    private static void printSummary(Map<String, Integer> outcomes, Map<String, BigDecimal> ledger, Duration took) {
        System.out.println("Payments per final state:");
        outcomes.forEach((status, count) -> System.out.printf("  %-28s %6d%n", status, count));
        System.out.println("Ledger totals (all entries, SEK):");
        ledger.forEach((type, total) -> System.out.printf("  %-28s %14s%n", type, total.toPlainString()));
        int done = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("Time taken: %.1f s (%.1f payments/s)%n", took.toMillis() / 1000.0,
                done * 1000.0 / Math.max(1, took.toMillis()));
    }

    /** The ledger's total per entry type, in the order of the types' names. */
    static Map<String, BigDecimal> ledgerTotals(DataSource dataSource) throws SQLException {
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = TOTALS_BY_TYPE.prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                totals.put(rows.getString(1), rows.getBigDecimal(2));
            }
        }
        return totals;
    }

    private static String setting(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }
}
