package com.seqrbackoffice.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.seqrbackoffice.payments.Json;
import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.ArtemisPair;
import com.seqrbackoffice.testing.ArtemisProcess;
import com.seqrbackoffice.testing.EmulatorProcess;
import com.seqrbackoffice.testing.LedgerRows;
import com.seqrbackoffice.testing.ManagedProcess;
import com.seqrbackoffice.testing.PaymentDriver;
import com.seqrbackoffice.testing.PostgresTestDatabase;
import com.seqrbackoffice.testing.ProcessTopology;
import com.seqrbackoffice.testing.TillClient;

/**
 * Issue 19: the app (its own JVM, PostgreSQL ledger, SEQR emulator in another JVM) on an Artemis primary/backup pair
 * on a shared store, 300 payments from 20 tills. A third of the way in the primary is killed ({@code kill -9}) and
 * the backup takes over; two thirds in the primary is started again and takes over back (fail-back). Transactions
 * open at either moment are rolled back and commits in flight have an unknown outcome; the app retries them. At the
 * end every payment is PAID, no invoice was committed twice (SEQR's counters), the ledger equals SEQR, and every
 * event reached the events queue at least once by its event id, never one event id for two different changes.
 */
class BrokerFailoverIT {

    private static final String TEST = "BrokerFailoverIT";
    private static final int TILLS = 20;
    private static final int PAYMENTS_PER_TILL = 15;
    private static final int PAYMENTS = TILLS * PAYMENTS_PER_TILL;
    // a loaded 2-core machine runs five JVMs here: waits are generous, outcomes strict
    private static final Duration PHASE = Duration.ofMinutes(4);

    @Test
    void paymentsRideThroughFailoverAndFailBackWithNothingLostOrDoubled() throws Exception {
        try (ArtemisPair brokers = ArtemisPair.start(TEST);
             PostgresTestDatabase database = PostgresTestDatabase.create();
             EmulatorProcess seqr = EmulatorProcess.start(TEST, Map.of("seqr.emulator.auto-confirm", "true",
                     "seqr.emulator.auto-confirm-delay-ms", "1000"))) {
            Map<String, String> settings = AppProcess.testSettings(
                    Files.createTempDirectory(ProcessTopology.buildDirectory(), "app-data-"), AppProcess.newPasswordKey());
            settings.put("seqr.emulator.enabled", "false");
            settings.put("seqr.url", seqr.soapUrl());
            settings.putAll(brokers.appSettings());
            database.ledgerSettings().forEach((key, value) -> settings.put((String) key, (String) value));
            LedgerRows ledger = new LedgerRows(database::connect);
            String runId = "f" + UUID.randomUUID().toString().substring(0, 6);
            try (AppProcess app = AppProcess.create(TEST, "app", settings).start();
                 PaymentDriver tills = new PaymentDriver(brokers.url(), ArtemisProcess.USER, ArtemisProcess.PASSWORD,
                         database::connect, runId, 19)) {
                List<String> terminals = tills.registerTerminals(TILLS, Duration.ofMinutes(2));
                long started = System.nanoTime();
                tills.start(terminals, PAYMENTS_PER_TILL);

                awaitFinished(tills, PAYMENTS / 3, "before the primary is killed");
                Map<String, Integer> atKill = tills.statusCounts();
                long finishedAtKill = tills.finished();
                long killed = System.nanoTime();
                brokers.primary().kill();
                brokers.awaitBackupActive(PHASE);
                long backupActiveMs = millisSince(killed);
                awaitFinished(tills, finishedAtKill + 1, "after the failover");
                long resumedMs = millisSince(killed);

                awaitFinished(tills, 2L * PAYMENTS / 3, "before the fail-back");
                Map<String, Integer> atFailBack = tills.statusCounts();
                long failingBack = System.nanoTime();
                brokers.failBack(PHASE);
                long failBackMs = millisSince(failingBack);

                boolean done = tills.awaitAll(PHASE);
                long totalSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                System.out.printf("%s: primary killed after %d of %d payments final (ledger then %s); backup active %d ms"
                        + " after the kill, the tills saw the next payment final after %d ms; fail-back at %s took %d ms; all final"
                        + " %d s after the start: %s; driver send retries %d; app warnings %d%n", TEST, finishedAtKill,
                        PAYMENTS, atKill, backupActiveMs, resumedMs, atFailBack, failBackMs, totalSeconds,
                        tills.statusCounts(), tills.sendFailures(), app.count(" WARN "));

                MoneyChecks.assertEveryPaymentPaidOnce(TEST, app, tills, done, PAYMENTS, ledger, seqr);
                assertEveryEventArrivedOnceOrMoreAndNeverTwoChangesUnderOneId(brokers, app, tills.outcomes().keySet());
            }
        }
    }

    private static void assertEveryEventArrivedOnceOrMoreAndNeverTwoChangesUnderOneId(ArtemisPair brokers,
            AppProcess app, Set<String> orders) {
        List<TillClient.Received> events;
        List<TillClient.Received> deadLetters;
        try (TillClient till = new TillClient(brokers.url(), ArtemisProcess.USER, ArtemisProcess.PASSWORD)) {
            events = till.drain("pos.payment.events", null, Duration.ofSeconds(5));
            deadLetters = till.drain("DLQ", null, Duration.ofSeconds(2));
        }
        // an event id names one change: its copies may differ only in when they were made (a PAID event re-sent by a
        // redelivered fulfilment is made again from the ledger)
        Map<String, Set<String>> copies = new HashMap<>();
        for (TillClient.Received event : events) {
            ObjectNode change = (ObjectNode) Json.MAPPER.valueToTree(event.json());
            change.remove("at");
            copies.computeIfAbsent(event.field("eventId"), id -> new TreeSet<>()).add(change.toString());
        }
        Set<String> expected = orders.stream()
                .flatMap(order -> List.of(order + ":ISSUED", order + ":RESERVED", order + ":PAID").stream())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> paymentEventIds = copies.keySet().stream().filter(id -> orders.contains(id.split(":")[0]))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(copies.keySet());
        long delivered = events.size();
        System.out.printf("%s: events on the queue %d, distinct event ids %d (payments' %d of %d expected), delivered"
                + " more than once %d; duplicates the brokers dropped %d; dead letters %d%n",
                TEST, delivered, copies.size(), paymentEventIds.size(), expected.size(), delivered - copies.size(),
                brokers.count("AMQ222059"), deadLetters.size());

        assertThat(missing).as(() -> "every ISSUED, RESERVED and PAID event reached the till at least once; the app's"
                + " log of those orders:\n" + String.join("\n", app.lines(line -> missing.stream()
                        .anyMatch(event -> line.contains(event.split(":")[0]))))).isEmpty();
        assertThat(paymentEventIds).as("no other event about the payments").isEqualTo(expected);
        assertThat(events).as("no ERROR event").noneSatisfy(event -> assertThat(event.field("type")).isEqualTo("ERROR"));
        assertThat(copies).as("no event id for two different changes")
                .allSatisfy((id, changes) -> assertThat(changes).as(id).hasSize(1));
        assertThat(events).as("every event names its status in its properties").allSatisfy(
                event -> assertThat(event.properties()).containsKeys("terminalId", "type"));
        assertThat(deadLetters).as("nothing dead-lettered").isEmpty();
    }

    private static void awaitFinished(PaymentDriver tills, long count, String when) throws InterruptedException {
        assertThat(ManagedProcess.within(PHASE, Duration.ofMillis(100), () -> tills.finished() >= count))
                .as("%d payments final %s; ledger: %s", count, when, tills.statusCounts()).isTrue();
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
