package com.seqrbackoffice.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.ArtemisProcess;
import com.seqrbackoffice.testing.EmulatorProcess;
import com.seqrbackoffice.testing.LedgerRows;
import com.seqrbackoffice.testing.ManagedProcess;
import com.seqrbackoffice.testing.PostgresTestDatabase;
import com.seqrbackoffice.testing.ProcessTopology;

/**
 * Two instances on one broker and one PostgreSQL ledger with clustered Quartz, the reporting trigger every 10 s. The
 * test holds a lock on {@code period_marks}, taken while no report fire runs, so that the next fire stops at its
 * period's claim (a fire already past its claim would stop at recording SEQR's answer instead, and a claimed period
 * is rightly never marked again); the instance running it is killed ({@code kill -9}) there, and its connection's
 * pending claim goes with it (PostgreSQL notices a dead client only when it answers it, so the test ends that
 * backend as the kernel's reset would). The other instance must
 * run that fire again with its scheduled fire time: the period is marked at SEQR once, by the survivor, and the
 * periods stay one every 10 s with none skipped.
 */
class ScheduledFireRecoveryIT {

    private static final String TEST = "ScheduledFireRecoveryIT";
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final String EXECUTING_REPORT_FIRE = "select instance_name, sched_time from qrtz_fired_triggers"
            + " where job_group = 'reporting' and state = 'EXECUTING'";
    private static final String CLAIMS_WAITING_FOR_THE_LOCK = "select pid from pg_stat_activity where datname ="
            + " current_database() and wait_event_type = 'Lock' and query like 'insert into period_marks%'";

    @Test
    void aReportFireCutShortByTheDeathOfItsInstanceIsRunAgainByTheOtherWithItsScheduledTime() throws Exception {
        try (ArtemisProcess broker = ArtemisProcess.start(TEST);
             PostgresTestDatabase database = PostgresTestDatabase.create();
             EmulatorProcess seqr = EmulatorProcess.start(TEST, Map.of())) {
            String passwordKey = AppProcess.newPasswordKey();
            AppProcess first = AppProcess.create(TEST, "app-1", settings(broker, database, seqr, passwordKey, "app-1"));
            AppProcess second = AppProcess.create(TEST, "app-2", settings(broker, database, seqr, passwordKey, "app-2"));
            LedgerRows ledger = new LedgerRows(database::connect);
            try (first; second) {
                first.start();
                second.start();

                Instant cutShort;
                AppProcess killed;
                try (Connection lock = database.connect(); Statement statement = lock.createStatement()) {
                    lock.setAutoCommit(false);
                    assertThat(ManagedProcess.within(PERIOD.multipliedBy(3), Duration.ofMillis(100),
                            () -> lockedWhileNoReportFireRuns(lock, statement, ledger)))
                            .as("the claims locked between two report fires").isTrue();
                    assertThat(ManagedProcess.within(PERIOD.multipliedBy(3), Duration.ofMillis(100),
                            () -> !ledger.query(EXECUTING_REPORT_FIRE).isEmpty() && !ledger.query(CLAIMS_WAITING_FOR_THE_LOCK).isEmpty()))
                            .as("a report fire waits at its period's claim").isTrue();
                    Map<String, Object> fire = ledger.query(EXECUTING_REPORT_FIRE).get(0);
                    cutShort = Instant.ofEpochMilli(((Number) fire.get("sched_time")).longValue());
                    killed = "app-1".equals(fire.get("instance_name")) ? first : second;
                    killed.kill();
                    for (Map<String, Object> claim : ledger.query(CLAIMS_WAITING_FOR_THE_LOCK)) {
                        ledger.query("select pg_terminate_backend(?)", claim.get("pid"));
                    }
                    lock.commit();
                }
                AppProcess survivor = killed == first ? second : first;
                String periodKey = "SHOP:" + cutShort;
                System.out.printf("%s: killed %s while its fire of %s waited at the claim%n", TEST, killed.name(), cutShort);

                assertThat(ManagedProcess.within(Duration.ofSeconds(90), Duration.ofMillis(200),
                        () -> survivor.count("marked for " + periodKey) > 0))
                        .as("%s marked the period %s that %s's fire was cut short in", survivor.name(), periodKey, killed.name())
                        .isTrue();
                assertThat(ManagedProcess.within(PERIOD.multipliedBy(3), Duration.ofMillis(200),
                        () -> markedPeriods(ledger).stream().anyMatch(at -> at.isAfter(cutShort.plus(PERIOD)))))
                        .as("the schedule goes on after the recovered fire").isTrue();

                // the last fire may be between SEQR's answer and its record: the counts agree once it is recorded
                assertThat(ManagedProcess.within(PERIOD, Duration.ofMillis(200), () -> markedPeriods(ledger).size()
                        == seqr.counters().path("calls").path("markTransactionPeriod").asLong()))
                        .as("one markTransactionPeriod per marked period").isTrue();
                List<Instant> periods = markedPeriods(ledger);
                System.out.printf("%s: periods marked %s; %s's log of the recovered fire: %s%n", TEST, periods, survivor.name(),
                        survivor.lines(line -> line.contains(periodKey)));
                assertThat(periods).contains(cutShort);
                for (int i = 1; i < periods.size(); i++) {
                    assertThat(Duration.between(periods.get(i - 1), periods.get(i))).as("a period every 10 s, none skipped")
                            .isEqualTo(PERIOD);
                }
            }
        }
    }

    /** Locks period_marks against claims; true if no report fire was running once it held the lock, else undone. */
    private static boolean lockedWhileNoReportFireRuns(Connection lock, Statement statement, LedgerRows ledger) {
        try {
            statement.execute("lock table period_marks in share mode");
            if (ledger.query(EXECUTING_REPORT_FIRE).isEmpty()) {
                return true;
            }
            lock.rollback();
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Instant> markedPeriods(LedgerRows ledger) {
        return ledger.query("select scheduled_at from period_marks where scope = 'SHOP' and transaction_period_id is not null"
                + " order by scheduled_at").stream().map(row -> ((Timestamp) row.get("scheduled_at")).toInstant()).toList();
    }

    private static Map<String, String> settings(ArtemisProcess broker, PostgresTestDatabase database, EmulatorProcess seqr,
            String passwordKey, String instanceId) throws Exception {
        Map<String, String> settings = AppProcess.testSettings(Files.createTempDirectory(ProcessTopology.buildDirectory(),
                "app-data-"), passwordKey);
        settings.putAll(broker.appSettings());
        database.ledgerSettings().forEach((key, value) -> settings.put((String) key, (String) value));
        settings.put("seqr.emulator.enabled", "false");
        settings.put("seqr.url", seqr.soapUrl());
        settings.put("quartz.clustered", "true");
        settings.put("quartz.instance-id", instanceId);
        settings.put("quartz.cluster-checkin-ms", "2000");
        settings.put("reporting.cron", "0/10 * * * * ?");
        settings.put("reporting.first-fetch-delay-ms", "1000");
        return settings;
    }
}
