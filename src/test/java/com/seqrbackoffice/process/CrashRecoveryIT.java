package com.seqrbackoffice.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.EmbeddedH2Ledger;
import com.seqrbackoffice.testing.EmulatorProcess;
import com.seqrbackoffice.testing.LedgerRows;
import com.seqrbackoffice.testing.PaymentDriver;
import com.seqrbackoffice.testing.PostgresTestDatabase;
import com.seqrbackoffice.testing.ProcessTopology;
import com.seqrbackoffice.testing.RunningApp;

/**
 * Issue 6's crash test, on the embedded default ledger (H2 file) and on PostgreSQL: the app in its own JVM
 * (embedded broker with its journal) and SEQR (the emulator) in another, 500 payments in flight on 500 tills, the
 * app killed with {@code kill -9} at random moments three times and started again each time. Afterwards every
 * payment is final, no invoice was committed twice (SEQR's counters), and the ledger's captures equal what SEQR
 * holds as paid — including invoices the ledger never heard of, which must not exist.
 */
class CrashRecoveryIT {

    private static final String TEST = "CrashRecoveryIT";
    private static final int PAYMENTS = 500;
    private static final int KILLS = 3;

    @Test
    void paymentsSurviveThreeKillsOfTheAppOnTheEmbeddedH2Ledger() throws Exception {
        Path dataDir = Files.createTempDirectory(ProcessTopology.buildDirectory(), "app-data-");
        EmbeddedH2Ledger ledger = new EmbeddedH2Ledger(dataDir);
        paymentsSurviveThreeKills("h2", dataDir, Map.of("ledger.url", ledger.url()), ledger::connect);
    }

    @Test
    void paymentsSurviveThreeKillsOfTheAppOnPostgres() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            Map<String, String> ledgerSettings = new java.util.HashMap<>();
            database.ledgerSettings().forEach((key, value) -> ledgerSettings.put((String) key, (String) value));
            paymentsSurviveThreeKills("postgres", Files.createTempDirectory(ProcessTopology.buildDirectory(), "app-data-"),
                    ledgerSettings, database::connect);
        }
    }

    private static void paymentsSurviveThreeKills(String ledgerName, Path dataDir, Map<String, String> ledgerSettings,
                                                  Callable<Connection> connections) throws Exception {
        String test = TEST + "-" + ledgerName;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (EmulatorProcess seqr = EmulatorProcess.start(test, Map.of("seqr.emulator.auto-confirm", "true",
                "seqr.emulator.auto-confirm-delay-ms", "2000"))) {
            Map<String, String> settings = AppProcess.testSettings(dataDir, AppProcess.newPasswordKey());
            int brokerPort = RunningApp.freePort();
            settings.put("broker.embedded.acceptor", "tcp://127.0.0.1:" + brokerPort);
            settings.putAll(ledgerSettings);
            settings.put("seqr.emulator.enabled", "false");
            settings.put("seqr.url", seqr.soapUrl());
            LedgerRows ledger = new LedgerRows(connections);
            String runId = "c" + UUID.randomUUID().toString().substring(0, 6);
            try (AppProcess app = AppProcess.create(test, "app", settings).start();
                 PaymentDriver tills = new PaymentDriver("tcp://127.0.0.1:" + brokerPort, "seqr", settings.get("broker.password"),
                         connections, runId, seed)) {
                List<String> terminals = tills.registerTerminals(PAYMENTS, Duration.ofMinutes(3));
                long started = System.nanoTime();
                tills.start(terminals, 1);
                List<String> kills = new ArrayList<>();
                for (int kill = 1; kill <= KILLS; kill++) {
                    long pause = 1000 + random.nextInt(6000);
                    Thread.sleep(pause);
                    Map<String, Integer> before = tills.statusCounts();
                    app.kill();
                    long killedAt = System.nanoTime();
                    app.start();
                    kills.add("kill %d after %d ms, ledger then %s, back in %d ms".formatted(kill, pause, before,
                            Duration.ofNanos(System.nanoTime() - killedAt).toMillis()));
                }
                boolean done = tills.awaitAll(Duration.ofMinutes(5));
                kills.forEach(line -> System.out.println(test + ": " + line));
                System.out.printf("%s: %d payments (seed %d) final after %d s: %s; driver send retries %d%n", test,
                        PAYMENTS, seed, Duration.ofNanos(System.nanoTime() - started).toSeconds(), tills.statusCounts(),
                        tills.sendFailures());
                assertThat(done).as("every payment final; ledger: %s; app log:%n%s", tills.statusCounts(), app.tail(40)).isTrue();

                MoneyChecks.assertLedgerMatchesSeqr(test, ledger, seqr);
                assertThat(MoneyChecks.invoicesAskedTwice(seqr)).as("no invoice sent a second commitReservation").isZero();
                assertThat(tills.outcomes().values()).as("most payments were paid despite the kills")
                        .filteredOn("PAID"::equals).hasSizeGreaterThan(PAYMENTS / 2);
            }
        }
    }
}
