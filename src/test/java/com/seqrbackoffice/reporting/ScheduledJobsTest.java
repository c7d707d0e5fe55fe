package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/** The Quartz triggers on short crons: reporting every 2 s, the hold sweep every second. */
class ScheduledJobsTest extends FlowTestSupport {

    @BeforeAll
    static void start() {
        startApp(Map.of(
                "reporting.cron", "0/2 * * * * ?",
                "reporting.terminal-periods", "false",
                "reporting.first-fetch-delay-ms", "200",
                "reporting.retry-delay-ms", "200",
                "seqr.emulator.report-delay-ms", "300",
                "payment.hold-sweep.cron", "* * * * * ?",
                "payment.expiry-warning-seconds", "4"));
    }

    @Test
    void theReportingTriggerMarksAndReconcilesAPeriodPerFire() {
        TillClient.Received summary = till.receive(queue("reconciliation"), "scope = 'SHOP'", EVENT_TIMEOUT);

        assertThat(summary).as("a shop-wide reconciliation summary from the cron trigger").isNotNull();
        assertThat(summary.field("outcome")).isEqualTo("CLEAN");
        String periodKey = (String) rows("select period_key from transaction_periods where transaction_period_id = ?",
                summary.field("transactionPeriodId")).get(0).get("period_key");
        // named by the trigger's scheduled fire time: a whole even second
        Instant scheduled = Instant.parse(periodKey.substring("SHOP:".length()));
        assertThat(scheduled.getNano()).isZero();
        assertThat(scheduled.getEpochSecond() % 2).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(rows("select transaction_period_id from transaction_periods")).hasSizeGreaterThan(1));
    }

    @Test
    void aHoldNearItsDeadlineIsWarnedOnceAndExpiresWithItsRelease() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        reservedPayment(terminal, orderId, "500.00", 6);

        TillClient.Received warning = till.receive(queue("payment-events"),
                "orderId = '" + orderId + "' AND type = 'HOLD_EXPIRY_WARNING'", EVENT_TIMEOUT);
        assertThat(warning).as("HOLD_EXPIRY_WARNING").isNotNull();
        assertThat(warning.money("amount")).isEqualTo("500.00 SEK");
        assertThat(warning.field("message")).contains("expires at");

        TillClient.Received expired = awaitStatus(orderId, "EXPIRED");
        assertThat(expired.field("reason")).contains("deadline");
        assertThat(ledgerEntriesOnceCommitted(orderId, 2)).containsExactly("RESERVATION 500", "RELEASE 500");
        assertThat(rows("select expiry_warned_at from payments where order_id = ?", orderId).get(0).get("expiry_warned_at"))
                .isNotNull();
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "' AND type = 'HOLD_EXPIRY_WARNING'",
                Duration.ofSeconds(2))).isEmpty();
    }
}
