package com.seqrbackoffice.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.Json;
import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.ArtemisProcess;
import com.seqrbackoffice.testing.EmulatorProcess;
import com.seqrbackoffice.testing.LedgerRows;
import com.seqrbackoffice.testing.ManagedProcess;
import com.seqrbackoffice.testing.PaymentDriver;
import com.seqrbackoffice.testing.PostgresTestDatabase;
import com.seqrbackoffice.testing.ProcessTopology;

/**
 * Issue 7's production shape with real processes: one out-of-process Artemis, one PostgreSQL, the SEQR emulator
 * and two app instances in separate JVMs that share nothing else. 200 tills take 1,000 payments between the two
 * instances; one instance is killed with {@code kill -9} a third of the way in and the other finishes every
 * payment, including the polls the dead one had scheduled (polls are broker messages; nothing an instance holds
 * in memory is needed by another). The report trigger fires every 5 s on clustered Quartz: once per period across
 * the instances. Then the killed instance is started again and duplicated messages, taken by both instances, are
 * processed once.
 */
class TwoInstancesIT {

    private static final String TEST = "TwoInstancesIT";
    private static final int TILLS = 200;
    private static final int PAYMENTS_PER_TILL = 5;
    private static final int DUPLICATE_PAIRS = 20;

    @Test
    void twoInstancesShareOneBrokerAndOneLedgerAndSurviveTheLossOfOne() throws Exception {
        long started = System.nanoTime();
        try (ArtemisProcess broker = ArtemisProcess.start(TEST);
             PostgresTestDatabase database = PostgresTestDatabase.create();
             EmulatorProcess seqr = EmulatorProcess.start(TEST, Map.of("seqr.emulator.auto-confirm", "true",
                     "seqr.emulator.auto-confirm-delay-ms", "3000", "seqr.emulator.report-delay-ms", "500"))) {
            String passwordKey = AppProcess.newPasswordKey();
            AppProcess first = AppProcess.create(TEST, "app-1", settings(broker, database, seqr, passwordKey));
            AppProcess second = AppProcess.create(TEST, "app-2", settings(broker, database, seqr, passwordKey));
            LedgerRows ledger = new LedgerRows(database::connect);
            String runId = "r" + UUID.randomUUID().toString().substring(0, 6);
            try (first; second; PaymentDriver tills = new PaymentDriver(broker.url(), ArtemisProcess.USER,
                    ArtemisProcess.PASSWORD, database::connect, runId, 7)) {
                // one after the other: both run the same Flyway migrations on the shared schema at start
                first.start();
                second.start();
                long ready = System.nanoTime();
                List<String> terminals = tills.registerTerminals(TILLS, Duration.ofMinutes(3));
                tills.start(terminals, PAYMENTS_PER_TILL);

                assertThat(ManagedProcess.within(Duration.ofMinutes(4), Duration.ofMillis(200),
                        () -> tills.finished() >= TILLS * PAYMENTS_PER_TILL / 3))
                        .as("a third of the payments done; ledger: %s", tills.statusCounts()).isTrue();
                // the tills pay in waves (each till's next payment at its PAID), so a third done may fall between
                // two, with no payment of app-2 waiting for its poll: the kill waits for one
                Set<String> waitingAtKill = new HashSet<>();
                Set<String> pollsLeftByKilled = new HashSet<>();
                assertThat(ManagedProcess.within(Duration.ofMinutes(1), Duration.ofMillis(100), () -> {
                    waitingAtKill.clear();
                    waitingAtKill.addAll(ordersIn(ledger, runId, "ISSUED"));
                    pollsLeftByKilled.clear();
                    pollsLeftByKilled.addAll(waitingAtKill);
                    pollsLeftByKilled.retainAll(issuedOrders(second));
                    return !pollsLeftByKilled.isEmpty();
                })).as("a payment app-2 issued waits for its poll; ledger: %s", tills.statusCounts()).isTrue();
                Map<String, Integer> atKill = tills.statusCounts();
                second.kill();
                long killedAt = System.nanoTime();
                System.out.printf("%s: killed app-2 (kill -9) after %d payments (ledger then: %s); %d payments were ISSUED,"
                        + " %d of them issued by app-2 (their next poll was app-2's)%n", TEST, tills.finished(), atKill, waitingAtKill.size(),
                        pollsLeftByKilled.size());

                boolean done = tills.awaitAll(Duration.ofMinutes(6));
                Map<String, String> outcomes = tills.outcomes();
                long runSeconds = Duration.ofNanos(System.nanoTime() - ready).toSeconds();
                System.out.printf("%s: %d payments on %d tills in %d s (%d s after the kill): %s; send retries %d%n", TEST,
                        outcomes.size(), TILLS, runSeconds, Duration.ofNanos(System.nanoTime() - killedAt).toSeconds(),
                        tills.statusCounts(), tills.sendFailures());
                assertThat(done).as("every payment final; ledger: %s; app-1 log:%n%s", tills.statusCounts(), first.tail(30)).isTrue();
                assertThat(outcomes).hasSize(TILLS * PAYMENTS_PER_TILL);
                assertThat(outcomes.values()).as("every payment completes").containsOnly("PAID");

                MoneyChecks.assertLedgerMatchesSeqr(TEST, ledger, seqr);
                assertThat(MoneyChecks.invoicesAskedTwice(seqr)).as("no invoice sent a second commitReservation").isZero();

                long paidByFirst = first.count(": PAID ");
                long paidBySecond = second.count(": PAID ");
                System.out.printf("%s: work per instance: app-1 issued %d and committed %d, app-2 issued %d and committed %d"
                        + " before its kill%n", TEST, first.count(" ISSUED for "), paidByFirst, second.count(" ISSUED for "),
                        paidBySecond);
                assertThat(second.count(" ISSUED for ")).as("app-2 took payment requests").isPositive();
                assertThat(paidBySecond).as("app-2 committed payments").isPositive();
                assertThat(paidByFirst).as("app-1 committed payments").isPositive();

                Set<String> reservedByFirst = orderIdsLogged(first, ": RESERVED");
                long takenOver = pollsLeftByKilled.stream().filter(reservedByFirst::contains).count();
                System.out.printf("%s: %d of the %d payments whose poll app-2 had scheduled were polled to RESERVED by app-1%n",
                        TEST, takenOver, pollsLeftByKilled.size());
                assertThat(pollsLeftByKilled).allSatisfy(order -> assertThat(outcomes.get(order)).isEqualTo("PAID"));
                assertThat(takenOver).as("app-1 took over app-2's scheduled polls").isPositive();

                assertReportTriggerFiredOncePerPeriod(ledger, seqr, first, second);

                // the killed instance rejoins; duplicates then reach both instances
                second.start();
                assertDuplicatesProcessedOnce(tills, ledger, seqr, first, second, terminals, runId);
                MoneyChecks.assertLedgerMatchesSeqr(TEST, ledger, seqr);
            }
        }
        System.out.printf("%s: whole test %d s%n", TEST, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private static Map<String, String> settings(ArtemisProcess broker, PostgresTestDatabase database, EmulatorProcess seqr,
            String passwordKey) throws Exception {
        Map<String, String> settings = AppProcess.testSettings(Files.createTempDirectory(ProcessTopology.buildDirectory(),
                "app-data-"), passwordKey);
        settings.putAll(broker.appSettings());
        database.ledgerSettings().forEach((key, value) -> settings.put((String) key, (String) value));
        settings.put("seqr.emulator.enabled", "false");
        settings.put("seqr.url", seqr.soapUrl());
        settings.put("quartz.clustered", "true");
        settings.put("quartz.cluster-checkin-ms", "2000");
        settings.put("reporting.cron", "0/5 * * * * ?");
        settings.put("reporting.first-fetch-delay-ms", "1000");
        settings.put("reporting.retry-delay-ms", "1000");
        return settings;
    }

    private static void assertReportTriggerFiredOncePerPeriod(LedgerRows ledger, EmulatorProcess seqr, AppProcess first,
            AppProcess second) {
        List<OffsetDateTime> fires = ledger.query("select scheduled_at from period_marks where scope = 'SHOP' order by scheduled_at")
                .stream().map(row -> ((java.sql.Timestamp) row.get("scheduled_at")).toInstant().atOffset(java.time.ZoneOffset.UTC))
                .toList();
        long marks = seqr.counters().path("calls").path("markTransactionPeriod").asLong();
        long repeated = first.count("was already claimed") + second.count("was already claimed");
        System.out.printf("%s: report trigger: %d periods marked (app-1 %d, app-2 %d), markTransactionPeriod calls %d,"
                + " second fires of a period %d, reports reconciled %s%n", TEST, fires.size(), first.count(" marked for "), second.count(" marked for "), marks, repeated,
                ledger.value("select count(*) from reconciliation_results"));
        assertThat(fires).as("periods marked every 5 s while the test ran").hasSizeGreaterThan(5);
        assertThat(fires).doesNotHaveDuplicates();
        assertThat(repeated).as("no period fired on both instances").isZero();
        assertThat(marks).as("one markTransactionPeriod per period").isEqualTo(fires.size());
        for (int i = 1; i < fires.size(); i++) {
            assertThat(Duration.between(fires.get(i - 1), fires.get(i))).as("a fire every 5 s, none missed")
                    .isEqualTo(Duration.ofSeconds(5));
        }
    }

    /**
     * Each payment request and each fulfilment sent twice as the same message (same message id, no broker duplicate
     * id, as a till that resends after a timeout would): one invoice, one commit, one capture per order, and the logs
     * show copies taken by both instances.
     */
    private static void assertDuplicatesProcessedOnce(PaymentDriver tills, LedgerRows ledger, EmulatorProcess seqr,
            AppProcess first, AppProcess second, List<String> terminals, String runId) throws Exception {
        long sendInvoicesBefore = seqr.counters().path("calls").path("sendInvoice").asLong();
        List<String> orders = new ArrayList<>();
        Map<String, BigDecimal> finals = new HashMap<>();
        for (int i = 0; i < DUPLICATE_PAIRS; i++) {
            String orderId = runId + "-dup-" + i;
            orders.add(orderId);
            String request = Json.write(Map.of("messageId", orderId + "-request", "terminalId", terminals.get(i),
                    "orderId", orderId, "title", "Pump", "amount", Map.of("value", "200.00", "currency", "SEK")));
            tills.sendWithoutDuplicateId("pos.payment.requests", request);
            tills.sendWithoutDuplicateId("pos.payment.requests", request);
            finals.put(orderId, new BigDecimal("150.00"));
        }
        Set<String> fulfilled = new HashSet<>();
        boolean done = ManagedProcess.within(Duration.ofMinutes(3), Duration.ofMillis(250), () -> {
            for (String orderId : orders) {
                String status = (String) ledger.query("select status from payments where order_id = ?", orderId).stream()
                        .findFirst().map(row -> row.get("status")).orElse(null);
                if ("RESERVED".equals(status) && fulfilled.add(orderId)) {
                    String fulfilment = Json.write(Map.of("messageId", orderId + "-fulfilment", "orderId", orderId,
                            "finalAmount", Map.of("value", "150.00", "currency", "SEK"),
                            "rows", List.of(Map.of("description", "Fuel 95", "totalAmount", Map.of("value", "150.00", "currency", "SEK")))));
                    try {
                        tills.sendWithoutDuplicateId("orders.fulfilment", fulfilment);
                        tills.sendWithoutDuplicateId("orders.fulfilment", fulfilment);
                    } catch (jakarta.jms.JMSException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return (Long) ledger.value("select count(*) from payments where order_id like ? and status in ('PAID', 'CANCELED', 'EXPIRED', 'FAILED')",
                    runId + "-dup-%") == DUPLICATE_PAIRS;
        });
        Map<String, Object> statuses = new HashMap<>();
        ledger.query("select order_id, status from payments where order_id like ?", runId + "-dup-%")
                .forEach(row -> statuses.put((String) row.get("order_id"), row.get("status")));
        long sendInvoices = seqr.counters().path("calls").path("sendInvoice").asLong() - sendInvoicesBefore;
        int requestsSplit = 0;
        int fulfilmentsSplit = 0;
        for (String orderId : orders) {
            requestsSplit += splitAcross(first, second, "Order " + orderId + " on terminal", "for order " + orderId + " was already taken") ? 1 : 0;
            fulfilmentsSplit += splitAcross(first, second, "Order " + orderId + ": PAID", "of order " + orderId + " was already processed") ? 1 : 0;
        }
        System.out.printf("%s: %d payment requests and %d fulfilments each delivered twice: statuses %s, sendInvoice calls %d,"
                + " pairs taken by both instances: %d requests, %d fulfilments%n", TEST, DUPLICATE_PAIRS, fulfilled.size(),
                statuses.values().stream().collect(Collectors.groupingBy(String::valueOf, Collectors.counting())), sendInvoices,
                requestsSplit, fulfilmentsSplit);
        assertThat(done).as("every duplicated payment final: %s", statuses).isTrue();
        assertThat(statuses.values()).as("every duplicated payment completes").containsOnly("PAID");
        assertThat(sendInvoices).as("one invoice per duplicated request").isEqualTo(DUPLICATE_PAIRS);
        List<Map<String, Object>> captures = ledger.query(
                "select invoice_reference from ledger_entries where entry_type = 'CAPTURE' and order_id like ?", runId + "-dup-%");
        assertThat(captures).hasSize(DUPLICATE_PAIRS);
        // copies taken at the same moment meet at the payment's row lock: the second finds it PAID and calls nothing
        Map<String, Integer> calls = seqr.commitCalls();
        long committedTwice = captures.stream()
                .filter(row -> calls.getOrDefault((String) row.get("invoice_reference"), 0) > 1).count();
        System.out.printf("%s: duplicated fulfilments sent a second commitReservation for %d of %d invoices%n", TEST,
                committedTwice, captures.size());
        assertThat(committedTwice).as("invoices of duplicated fulfilments committed twice").isZero();
        assertThat(requestsSplit + fulfilmentsSplit).as("some duplicate pairs were taken by both instances").isPositive();
    }

    /** The message's first copy was handled on one instance and its second on the other. */
    private static boolean splitAcross(AppProcess first, AppProcess second, String handled, String repeated) {
        return first.count(handled) > 0 && second.count(repeated) > 0 || second.count(handled) > 0 && first.count(repeated) > 0;
    }

    /** Orders whose invoice this instance issued (its "Order X on terminal T: invoice I ISSUED" log lines). */
    private static Set<String> issuedOrders(AppProcess app) {
        return orderIdsLogged(app, " ISSUED for ");
    }

    private static Set<String> orderIdsLogged(AppProcess app, String fragment) {
        Set<String> orders = new HashSet<>();
        for (String line : app.lines(line -> line.contains(fragment) && line.contains("Order "))) {
            String rest = line.substring(line.indexOf("Order ") + "Order ".length());
            orders.add(rest.split("[ :]", 2)[0]);
        }
        return orders;
    }

    private static Set<String> ordersIn(LedgerRows ledger, String runId, String status) {
        return ledger.query("select order_id from payments where order_id like ? and status = ?", runId + "-%", status).stream()
                .map(row -> (String) row.get("order_id")).collect(Collectors.toSet());
    }
}
