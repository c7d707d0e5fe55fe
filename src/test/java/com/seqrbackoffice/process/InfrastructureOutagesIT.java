package com.seqrbackoffice.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.ArtemisProcess;
import com.seqrbackoffice.testing.EmulatorProcess;
import com.seqrbackoffice.testing.LedgerRows;
import com.seqrbackoffice.testing.ManagedProcess;
import com.seqrbackoffice.testing.PaymentDriver;
import com.seqrbackoffice.testing.PostgresCluster;
import com.seqrbackoffice.testing.PostgresTestDatabase;
import com.seqrbackoffice.testing.ProcessTopology;
import com.seqrbackoffice.testing.RunningApp;

/**
 * Issue 6's infrastructure faults, each under a running flow of 200 payments on 50 tills (the app and the SEQR
 * emulator in their own JVMs): the out-of-process Artemis broker killed ({@code kill -9}) and started again on its
 * journal; PostgreSQL stopped for 10 s and started again. Nothing is lost, nothing is doubled, the flow resumes
 * without restarting the app.
 */
class InfrastructureOutagesIT {

    private static final int TILLS = 50;
    private static final int PAYMENTS_PER_TILL = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    void brokerKilledAndRestartedMidFlowLosesNothing() throws Exception {
        String test = "BrokerRestartIT";
        try (ArtemisProcess broker = ArtemisProcess.start(test);
             PostgresTestDatabase database = PostgresTestDatabase.create();
             EmulatorProcess seqr = EmulatorProcess.start(test, emulatorSettings())) {
            Map<String, String> settings = appSettings(seqr);
            settings.putAll(broker.appSettings());
            database.ledgerSettings().forEach((key, value) -> settings.put((String) key, (String) value));
            String runId = "b" + UUID.randomUUID().toString().substring(0, 6);
            try (AppProcess app = AppProcess.create(test, "app", settings).start();
                 PaymentDriver tills = new PaymentDriver(broker.url(), ArtemisProcess.USER, ArtemisProcess.PASSWORD,
                         database::connect, runId, 11)) {
                runWithOutage(test, app, tills, new LedgerRows(database::connect), seqr, "Artemis killed (kill -9), started again", () -> {
                    broker.kill();
                    Thread.sleep(2000);
                    broker.startAgain();
                });
            }
        }
    }

    @Test
    void databaseStoppedForTenSecondsMidFlowLosesNothing() throws Exception {
        String test = "DatabaseOutageIT";
        try (PostgresCluster postgres = PostgresCluster.start();
             EmulatorProcess seqr = EmulatorProcess.start(test, emulatorSettings())) {
            Map<String, String> settings = appSettings(seqr);
            int brokerPort = RunningApp.freePort();
            settings.put("broker.embedded.acceptor", "tcp://127.0.0.1:" + brokerPort);
            settings.putAll(postgres.ledgerSettings());
            String runId = "d" + UUID.randomUUID().toString().substring(0, 6);
            try (AppProcess app = AppProcess.create(test, "app", settings).start();
                 PaymentDriver tills = new PaymentDriver("tcp://127.0.0.1:" + brokerPort, "seqr", settings.get("broker.password"),
                         postgres::connect, runId, 13)) {
                runWithOutage(test, app, tills, new LedgerRows(postgres::connect), seqr,
                        "PostgreSQL stopped for " + OUTAGE.toSeconds() + " s", () -> {
                    postgres.stop();
                    Thread.sleep(OUTAGE.toMillis());
                    postgres.startAgain();
                });
            }
        }
    }

    interface Outage {
        void happen() throws Exception;
    }

    /** Runs the payments, lets the outage happen a third of the way in, and checks that all of them complete. */
    private static void runWithOutage(String test, AppProcess app, PaymentDriver tills, LedgerRows ledger, EmulatorProcess seqr,
            String what, Outage outage) throws Exception {
        List<String> terminals = tills.registerTerminals(TILLS, Duration.ofMinutes(2));
        long started = System.nanoTime();
        tills.start(terminals, PAYMENTS_PER_TILL);
        int total = TILLS * PAYMENTS_PER_TILL;
        assertThat(ManagedProcess.within(Duration.ofMinutes(3), Duration.ofMillis(100), () -> tills.finished() >= total / 3))
                .as("a third of the payments done before the outage; ledger: %s", tills.statusCounts()).isTrue();
        Map<String, Integer> before = tills.statusCounts();
        long outageStarted = System.nanoTime();
        outage.happen();
        long outageMillis = Duration.ofNanos(System.nanoTime() - outageStarted).toMillis();
        long finishedAtRecovery = tills.finished();
        boolean done = tills.awaitAll(Duration.ofMinutes(4));
        System.out.printf("%s: %s after %d payments (ledger then %s), %d ms; %d payments done when it was back; all %d"
                + " final %d s after the start: %s; driver send retries %d, ledger read failures %d; app warnings %d%n",
                test, what, before.getOrDefault("PAID", 0), before, outageMillis, finishedAtRecovery, total,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), tills.statusCounts(), tills.sendFailures(),
                tills.ledgerFailures(), app.count(" WARN "));
        assertThat(app.isAlive()).as("the app rode out the outage without a restart").isTrue();
        assertThat(done).as("every payment final; ledger: %s; app log:%n%s", tills.statusCounts(), app.tail(40)).isTrue();
        assertThat(tills.outcomes()).hasSize(total);
        assertThat(tills.outcomes().values()).as("every payment completes").containsOnly("PAID");
        MoneyChecks.assertLedgerMatchesSeqr(test, ledger, seqr);
        assertThat(MoneyChecks.invoicesAskedTwice(seqr)).as("no invoice sent a second commitReservation").isZero();
        assertThat((Long) ledger.value("select count(*) from payments")).isEqualTo(total);
    }

    private static Map<String, String> emulatorSettings() {
        return Map.of("seqr.emulator.auto-confirm", "true", "seqr.emulator.auto-confirm-delay-ms", "1000");
    }

    private static Map<String, String> appSettings(EmulatorProcess seqr) throws Exception {
        Map<String, String> settings = AppProcess.testSettings(
                Files.createTempDirectory(ProcessTopology.buildDirectory(), "app-data-"), AppProcess.newPasswordKey());
        settings.put("seqr.emulator.enabled", "false");
        settings.put("seqr.url", seqr.soapUrl());
        return settings;
    }
}
