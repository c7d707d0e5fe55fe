package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/** quartz.clustered=true: the triggers live in the ledger's Quartz tables and fire from there. */
abstract class ClusteredQuartzContract extends FlowTestSupport {

    static Map<String, String> clusteredSettings() {
        Map<String, String> settings = new HashMap<>(Map.of(
                "quartz.clustered", "true",
                "quartz.cluster-checkin-ms", "1000",
                "reporting.cron", "0/2 * * * * ?",
                "reporting.terminal-periods", "false",
                "reporting.first-fetch-delay-ms", "200",
                "seqr.emulator.report-delay-ms", "100"));
        return settings;
    }

    @Test
    void theReportingTriggerIsStoredInTheLedgerAndFiresFromThere() {
        TillClient.Received summary = till.receive(queue("reconciliation"), "scope = 'SHOP'", EVENT_TIMEOUT);

        assertThat(summary).as("a reconciliation summary fired from the JDBC job store").isNotNull();
        assertThat(rows("select trigger_name, trigger_group from qrtz_triggers where sched_name = ?", "seqr-backoffice"))
                .extracting(row -> row.get("trigger_group") + "/" + row.get("trigger_name"))
                .contains("reporting/mark-transaction-periods", "holds/sweep-hold-deadlines");
        assertThat(rows("select instance_name from qrtz_scheduler_state where sched_name = ?", "seqr-backoffice"))
                .hasSize(1);
        assertThat(rows("select prev_fire_time from qrtz_triggers where trigger_name = ?", "mark-transaction-periods")
                .get(0).get("prev_fire_time")).isNotNull();
    }
}
