package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * executeReport against a slow SEQR: a report that takes longer than a poll is still fetched (its own receive
 * timeout), and one whose answer does not come in time is asked again as another attempt, not rolled back until
 * the message is dead-lettered. Messages are dead-lettered at their third delivery here.
 */
class ReportFetchTest extends FlowTestSupport {

    private static final long REPORT_TIMEOUT_MS = 2500;

    @BeforeAll
    static void start() {
        Map<String, String> settings = new java.util.HashMap<>(ReconciliationFlowContract.reportingSettings());
        settings.put("reporting.terminal-periods", "false");
        settings.put("errors.dead-letter-at-attempt", "3");
        settings.put("seqr.receive-timeout-ms.execute-report", String.valueOf(REPORT_TIMEOUT_MS));
        startApp(settings);
    }

    @AfterEach
    void clearFaults() {
        emulator().clearFaults();
    }

    @Test
    void aReportSlowerThanAPollIsFetchedWithinItsOwnTimeout() {
        emulator().setFault(FaultSpec.latency("executeReport", 1500));

        markShopPeriod("2026-02-01T00:05:00Z");

        TillClient.Received summary = awaitShopSummary();
        assertThat(summary.field("outcome")).isEqualTo("CLEAN");
        assertThat(deadLetters()).isEmpty();
        System.out.println("Report fetch: executeReport answering in 1.5 s (the poll's timeout is 800 ms) fetched and"
                + " reconciled, 0 dead letters");
    }

    @Test
    void anExecuteReportWithoutAnAnswerInTimeIsAskedAgainAsAnotherAttempt() {
        long callsBefore = emulator().counters().calls("executeReport");
        emulator().setFault(FaultSpec.dropResponse("executeReport", REPORT_TIMEOUT_MS + 500, 4));

        markShopPeriod("2026-02-02T00:05:00Z");

        TillClient.Received summary = awaitShopSummary();
        assertThat(summary.field("outcome")).isEqualTo("CLEAN");
        long calls = emulator().counters().calls("executeReport") - callsBefore;
        assertThat(calls).as("4 timed out, then the report").isGreaterThanOrEqualTo(5);
        assertThat(deadLetters()).isEmpty();
        System.out.printf("Report fetch: 4 executeReport answers lost (timeout %d ms), report fetched at call %d,"
                + " 0 dead letters (messages are dead-lettered at delivery 3 here)%n", REPORT_TIMEOUT_MS, calls);
    }

    private static void markShopPeriod(String scheduledFireTime) {
        app.producer().sendBody("direct:mark-transaction-periods", Date.from(Instant.parse(scheduledFireTime)));
    }

    private static TillClient.Received awaitShopSummary() {
        TillClient.Received summary = till.receive(queue("reconciliation"), "scope = 'SHOP'", Duration.ofSeconds(40));
        assertThat(summary).as("the shop period's reconciliation summary").isNotNull();
        return summary;
    }

    private static java.util.List<TillClient.Received> deadLetters() {
        return till.drain(queue("dead-letter"), null, Duration.ofMillis(300));
    }
}
