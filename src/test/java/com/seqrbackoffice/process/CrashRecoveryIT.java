package com.seqrbackoffice.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.EmbeddedH2Ledger;
import com.seqrbackoffice.testing.EmulatorProcess;
import com.seqrbackoffice.testing.EventRecorder;
import com.seqrbackoffice.testing.LedgerRows;
import com.seqrbackoffice.testing.ManagedProcess;
import com.seqrbackoffice.testing.PaymentDriver;
import com.seqrbackoffice.testing.PostgresTestDatabase;
import com.seqrbackoffice.testing.ProcessTopology;
import com.seqrbackoffice.testing.RunningApp;

/**
 * The crash test, on the embedded default ledger (H2 file) and on PostgreSQL: the app in its own JVM (embedded broker with its journal) and SEQR (the emulator) in another;
 * {@value #TILLS} tills take {@value #ORDERS_PER_TILL} orders each, every order a random mix of payment, cancellation
 * before or after the customer confirmed, and payment refunded in two parts; each till then gets a SEQR ID and is
 * unregistered; a shop-wide reporting period is marked, reported and reconciled every 15 s. The app is killed with
 * {@code kill -9} three times, at a random moment once payments, then refunds, then terminal commands are under way,
 * and started again each time. Afterwards every order is final and
 * every refund settled, every event the ledger implies reached the events queue at least once (by event id), no
 * invoice was committed or refunded twice (SEQR's counters), the ledger's captures and refunds are SEQR's, and the
 * ledger's net equals the total of SEQR's reports over all periods. Against a SEQR that answers at once, and on the
 * default ledger against one that answers every call in 300 ms (issue 13), where a kill finds hundreds of calls on
 * their way to SEQR or back.
 */
class CrashRecoveryIT {

    private static final String TEST = "CrashRecoveryIT";
    private static final int TILLS = 120;
    private static final int ORDERS_PER_TILL = 2;
    private static final int KILLS = 3;

    private static final String REFUNDS_UNDER_WAY = "select count(*) from refunds where order_id like ?";
    private static final String TERMINAL_COMMANDS_UNDER_WAY = "select count(*) from terminals where terminal_id like ?"
            + " and (seqr_id is not null or status = 'UNREGISTERED')";

    /** A phase of the mix, and the count of the run's rows that shows it under way in the ledger. */
    private record KillPoint(String phase, String underWay) {
    }

    /** Each kill waits for its phase of the mix to be under way, then up to 3 s more, so all three are hit. */
    private static final List<KillPoint> KILL_POINTS = List.of(
            new KillPoint("payments", "select count(*) from payments where order_id like ?"),
            new KillPoint("refunds", REFUNDS_UNDER_WAY),
            new KillPoint("terminal commands", TERMINAL_COMMANDS_UNDER_WAY));

    @Test
    void aMixOfPaymentsRefundsTerminalCommandsAndReportsSurvivesThreeKillsOnTheEmbeddedH2Ledger() throws Exception {
        onEmbeddedH2("h2", Duration.ZERO);
    }

    @Test
    void theMixSurvivesThreeKillsOnTheEmbeddedH2LedgerAgainstASlowSeqr() throws Exception {
        onEmbeddedH2("h2-slow-seqr", Duration.ofMillis(300));
    }

    @Test
    void aMixOfPaymentsRefundsTerminalCommandsAndReportsSurvivesThreeKillsOnPostgres() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            Map<String, String> ledgerSettings = new HashMap<>();
            database.ledgerSettings().forEach((key, value) -> ledgerSettings.put((String) key, (String) value));
            survivesThreeKills("postgres", Duration.ZERO,
                    Files.createTempDirectory(ProcessTopology.buildDirectory(), "app-data-"), ledgerSettings,
                    database::connect);
        }
    }

    private static void onEmbeddedH2(String variant, Duration seqrLatency) throws Exception {
        Path dataDir = Files.createTempDirectory(ProcessTopology.buildDirectory(), "app-data-");
        EmbeddedH2Ledger ledger = new EmbeddedH2Ledger(dataDir);
        survivesThreeKills(variant, seqrLatency, dataDir, Map.of("ledger.url", ledger.url()), ledger::connect);
    }

    private static void survivesThreeKills(String variant, Duration seqrLatency, Path dataDir,
                                           Map<String, String> ledgerSettings, Callable<Connection> connections)
            throws Exception {
        String test = TEST + "-" + variant;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (EmulatorProcess seqr = EmulatorProcess.start(test, Map.of("seqr.emulator.auto-confirm", "true",
                "seqr.emulator.auto-confirm-delay-ms", "2000"))) {
            Map<String, String> settings = AppProcess.testSettings(dataDir, AppProcess.newPasswordKey());
            int brokerPort = RunningApp.freePort();
            String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
            settings.put("broker.embedded.acceptor", brokerUrl);
            settings.putAll(ledgerSettings);
            settings.put("seqr.emulator.enabled", "false");
            settings.put("seqr.url", seqr.soapUrl());
            settings.put("reporting.cron", "0/15 * * * * ?");
            settings.put("reporting.first-fetch-delay-ms", "1000");
            settings.put("reporting.retry-delay-ms", "1000");
            // periods are 15 s apart; SEQR's period is cut within a few ms of the ledger's mark, but a commit recorded
            // under its payment's lock bears the time its transaction began, seconds before SEQR's under this load
            settings.put("reconciliation.settle-seconds", "5");
            LedgerRows ledger = new LedgerRows(connections);
            String runId = "c" + UUID.randomUUID().toString().substring(0, 6);
            String brokerPassword = settings.get("broker.password");
            try (AppProcess app = AppProcess.create(test, "app", settings).start();
                 EventRecorder events = EventRecorder.start(brokerUrl, "seqr", brokerPassword, "pos.payment.events");
                 PaymentDriver tills = new PaymentDriver(brokerUrl, "seqr", brokerPassword, connections, runId, seed)) {
                // terminal commands have one consumer (a till's commands keep their order): the tills register on a
                // fast SEQR, and the mix runs at the latency under test
                List<String> terminals = tills.registerTerminals(TILLS, Duration.ofMinutes(3));
                seqr.setLatency(seqrLatency);
                long started = System.nanoTime();
                tills.startMixed(terminals, ORDERS_PER_TILL);
                List<String> kills = new ArrayList<>();
                for (int kill = 1; kill <= KILLS; kill++) {
                    KillPoint point = KILL_POINTS.get(kill - 1);
                    assertThat(ManagedProcess.within(Duration.ofMinutes(3), Duration.ofMillis(200),
                            () -> ((Number) ledger.value(point.underWay(), runId + "-%")).longValue() > 0))
                            .as("%s under way before kill %d; ledger: %s", point.phase(), kill, tills.statusCounts())
                            .isTrue();
                    long pause = random.nextInt(3000);
                    Thread.sleep(pause);
                    Map<String, Integer> before = tills.statusCounts();
                    long refunds = ((Number) ledger.value(REFUNDS_UNDER_WAY, runId + "-%")).longValue();
                    long terminalsDone = ((Number) ledger.value(TERMINAL_COMMANDS_UNDER_WAY, runId + "-%")).longValue();
                    app.kill();
                    long killedAt = System.nanoTime();
                    app.start();
                    kills.add("kill %d during %s, %d ms in; ledger then %s, %d refunds, %d terminals past REGISTER;"
                            .formatted(kill, point.phase(), pause, before, refunds, terminalsDone)
                            + " back in %d ms".formatted(Duration.ofNanos(System.nanoTime() - killedAt).toMillis()));
                }
                boolean done = tills.awaitAll(Duration.ofMinutes(5));
                Instant finished = Instant.now();
                long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                boolean reported = ManagedProcess.within(Duration.ofMinutes(2), Duration.ofSeconds(1),
                        () -> everyShopPeriodReconciledAndOneAfter(ledger, finished));
                kills.forEach(line -> System.out.println(test + ": " + line));
                System.out.printf("%s: %d orders on %d tills (seed %d, SEQR at %d ms) final after %d s: %s;"
                        + " driver send retries %d%n", test, TILLS * ORDERS_PER_TILL, TILLS, seed, seqrLatency.toMillis(),
                        seconds, tills.statusCounts(), tills.sendFailures());
                assertThat(done).as("every order final; ledger: %s; app log:%n%s", tills.statusCounts(), app.tail(40))
                        .isTrue();
                assertThat(reported).as("every shop period reconciled, the last marked after the run; app log:%n%s",
                        app.tail(40)).isTrue();
                assertThat(ledger.query("select refund_id from refunds where status in ('CLAIMED', 'OUTCOME_UNKNOWN')"))
                        .as("every refund settled").isEmpty();

                List<String> expected = expectedEvents(ledger, tills);
                List<String> missing = events.missing(expected);
                System.out.printf("%s: %d events expected from the ledger, %d taken (%d event ids twice), %d missing;"
                        + " ERROR events %s; recorder reconnected %d times%n", test, expected.size(), events.taken(),
                        events.duplicated(), missing.size(), events.errorCodes(), events.reconnects());
                MoneyChecks.assertLedgerMatchesSeqr(test, ledger, seqr);
                MoneyChecks.assertRefundsMatchSeqr(test, ledger, seqr);
                MoneyChecks.assertLedgerMatchesReports(test, ledger);
                assertThat(MoneyChecks.invoicesAskedTwice(seqr)).as("no invoice sent a second commitReservation").isZero();
                assertThat(missing).as("every event delivered at least once").isEmpty();
            }
        }
    }

    /** A shop period claimed after {@code after} is reconciled, and so is every shop period before it. */
    private static boolean everyShopPeriodReconciledAndOneAfter(LedgerRows ledger, Instant after) {
        List<Map<String, Object>> periods = ledger.query("""
                select pm.claimed_at, tp.status from transaction_periods tp
                join period_marks pm on pm.period_key = tp.period_key
                where tp.scope = 'SHOP' order by pm.claimed_at""");
        return periods.stream().allMatch(period -> "RECONCILED".equals(period.get("status")))
                && periods.stream().anyMatch(period -> instant(period.get("claimed_at")).isAfter(after));
    }

    /** A TIMESTAMP WITH TIME ZONE as the drivers return it: H2 an OffsetDateTime, PostgreSQL a Timestamp. */
    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }

    /**
     * The event ids the ledger implies: one per status each payment took, one per refund made, and one per terminal
     * command the driver sent (each carried out: the driver waited for its effect in the ledger).
     */
    private static List<String> expectedEvents(LedgerRows ledger, PaymentDriver tills) {
        List<String> expected = new ArrayList<>();
        ledger.query("select distinct order_id, status from payment_status_history order by order_id, status")
                .forEach(row -> expected.add(row.get("order_id") + ":" + row.get("status")));
        ledger.query("select order_id, refund_id from refunds where status = 'REFUNDED' order by refund_id")
                .forEach(row -> expected.add(row.get("order_id") + ":REFUNDED:" + row.get("refund_id")));
        expected.addAll(tills.terminalEventIds());
        return expected;
    }
}
