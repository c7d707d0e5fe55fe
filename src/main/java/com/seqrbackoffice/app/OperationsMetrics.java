package com.seqrbackoffice.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.seqrbackoffice.ledger.LedgerStatements;
import com.seqrbackoffice.ledger.LedgerStatements.Statement;
import com.seqrbackoffice.payments.PaymentStatus;

/**
 * The app's own gauges on {@code /observe/metrics}, beside Camel's route metrics and the SEQR call timers:
 * {@code seqr_payments{status}} from the ledger (one grouped count, cached so that scrapes cost the database
 * little), {@code seqr_status_polls} (pending polls, due or not) and {@code seqr_dead_letters} (messages
 * on the dead-letter queue).
 */
final class OperationsMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsMetrics.class);
    /** The registry name camel-micrometer-prometheus serves on /observe/metrics and the SEQR client times calls in. */
    static final String REGISTRY_NAME = "metricsRegistry";
    private static final Statement COUNT_BY_STATUS = LedgerStatements.load("sql/payments/count-by-status.sql");

    private final DataSource ledger;
    private final long cacheNanos;
    private Map<PaymentStatus, Long> counts = new EnumMap<>(PaymentStatus.class);
    private long countedAt;
    private boolean counted;

    private OperationsMetrics(DataSource ledger, Duration cache) {
        this.ledger = ledger;
        this.cacheNanos = cache.toNanos();
    }

    /**
     * The registry camel-micrometer-prometheus will serve: the one already bound, or a new one bound under its
     * name so that it finds it instead of making its own.
     */
    static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry meters = registry.lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(REGISTRY_NAME, meters);
        }
        return meters;
    }

    /** Registers the gauges; {@code queueDepth} gives a queue's message count (NaN when it cannot be known). */
    static OperationsMetrics register(MeterRegistry meters, DataSource ledger, Duration cache,
                                      ToLongFunction<String> queueDepth, List<String> pollQueues, String deadLetterQueue) {
        OperationsMetrics metrics = new OperationsMetrics(ledger, cache);
        for (PaymentStatus status : PaymentStatus.values()) {
            Gauge.builder("seqr.payments", metrics, m -> m.count(status))
                    .description("Payments in the ledger by current status")
                    .tag("status", status.name())
                    .strongReference(true)
                    .register(meters);
        }
        Gauge.builder("seqr.status.polls", () -> pollQueues.stream().mapToDouble(queue -> depth(queueDepth, queue)).sum())
                .description("Status polls pending on " + String.join(" and ", pollQueues) + " (payments being polled)")
                .strongReference(true)
                .register(meters);
        Gauge.builder("seqr.dead.letters", () -> depth(queueDepth, deadLetterQueue))
                .description("Messages on the dead-letter queue " + deadLetterQueue)
                .strongReference(true)
                .register(meters);
        return metrics;
    }

    private static double depth(ToLongFunction<String> queueDepth, String queue) {
        long depth = queueDepth.applyAsLong(queue);
        return depth < 0 ? Double.NaN : depth;
    }

    private synchronized double count(PaymentStatus status) {
        long now = System.nanoTime();
        if (!counted || now - countedAt > cacheNanos) {
            try {
                counts = countByStatus();
            } catch (SQLException e) {
                // The ledger readiness check reports the outage; the gauges keep their last values meanwhile
                LOG.debug("Payments per status not counted: {}", e.toString());
            }
            countedAt = now;
            counted = true;
        }
        return counts.getOrDefault(status, 0L);
    }

    private Map<PaymentStatus, Long> countByStatus() throws SQLException {
        Map<PaymentStatus, Long> byStatus = new EnumMap<>(PaymentStatus.class);
        try (Connection connection = ledger.getConnection();
             PreparedStatement statement = COUNT_BY_STATUS.prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                byStatus.put(PaymentStatus.valueOf(rows.getString(1)), rows.getLong(2));
            }
        }
        return byStatus;
    }
}
