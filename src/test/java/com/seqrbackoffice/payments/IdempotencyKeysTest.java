package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.seqrbackoffice.ledger.LedgerDatabase;
import com.seqrbackoffice.refunds.RefundRequest;
import com.seqrbackoffice.testing.ConfigFile;
import com.seqrbackoffice.testing.LedgerRows;
import com.seqrbackoffice.testing.PostgresTestDatabase;

/** The ledger's idempotency keys on H2 and on PostgreSQL: the rule's outcomes, and copies claiming at the same moment. */
class IdempotencyKeysTest {

    private static final String FIRST = "{\"messageId\": \"f-1\", \"orderId\": \"order-A\", \"finalAmount\": {\"value\": \"10.00\", \"currency\": \"SEK\"}}";
    private static final String SAME = "{\"orderId\":\"order-A\",\"finalAmount\":{\"currency\":\"SEK\",\"value\":\"10.00\"},\"messageId\":\"f-1\"}";
    private static final String OTHER = FIRST.replace("order-A", "order-B");

    @TempDir
    Path dataDir;

    @Test
    void outcomesOnH2() {
        try (LedgerDatabase ledger = h2Ledger()) {
            assertOutcomes(ledger);
        }
    }

    @Test
    void outcomesOnPostgres() {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create();
             LedgerDatabase ledger = new LedgerDatabase(postgres.url(), postgres.user(), postgres.password(), 4)) {
            ledger.migrate();
            assertOutcomes(ledger);
        }
    }

    @Test
    void copiesClaimingAtTheSameMomentOnH2() throws Exception {
        try (LedgerDatabase ledger = h2Ledger()) {
            assertOneClaimWins(ledger);
        }
    }

    @Test
    void copiesClaimingAtTheSameMomentOnPostgres() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create();
             LedgerDatabase ledger = new LedgerDatabase(postgres.url(), postgres.user(), postgres.password(), 8)) {
            ledger.migrate();
            assertOneClaimWins(ledger);
        }
    }

    @Test
    void aLedgerFailureNamesTheDatabasesReason() throws Exception {
        try (LedgerDatabase ledger = h2Ledger()) {
            try (var connection = ledger.dataSource().getConnection(); var statement = connection.createStatement()) {
                statement.executeUpdate("alter table idempotency_keys rename to idempotency_keys_gone");
            }

            assertThatThrownBy(() -> keys(ledger).claimMessage("fulfilment", FIRST, "f-1", "order-A", null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot claim fulfilment key f-1 in the ledger (SQL state 42S02: ")
                    .hasMessageContaining("idempotency_keys")
                    .hasMessageNotContaining("\n");
        }
    }

    private static void assertOutcomes(LedgerDatabase ledger) {
        IdempotencyKeys keys = keys(ledger);
        LedgerRows rows = new LedgerRows(ledger.dataSource()::getConnection);

        assertThat(keys.claimMessage("fulfilment", FIRST, "f-1", "order-A", null)).isEqualTo(KeyOutcome.FIRST_USE);
        assertThat(keys.claimMessage("fulfilment", SAME, "f-1", "order-A", null)).isEqualTo(KeyOutcome.REPEAT);
        assertThatThrownBy(() -> keys.claimMessage("fulfilment", OTHER, "f-1", "order-B", null))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.getCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED"))
                .hasMessageContaining("messageId f-1 was first used at").hasMessageContaining("for order order-A");
        // the same id on another queue is another key
        assertThat(keys.claimMessage("cancellation", OTHER, "f-1", "order-B", null)).isEqualTo(KeyOutcome.FIRST_USE);

        String command = "{\"messageId\": \"c-1\", \"command\": \"REGISTER\", \"terminalId\": \"till-1\", \"name\": \"Till 1\"}";
        assertThat(keys.claimMessage("terminal-command", command, "c-1", null, "till-1")).isEqualTo(KeyOutcome.FIRST_USE);
        try (var connection = ledger.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("update idempotency_keys set completed_at = CURRENT_TIMESTAMP where key_value = 'c-1'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(keys.claimMessage("terminal-command", command, "c-1", null, "till-1")).isEqualTo(KeyOutcome.REPEAT_OF_COMPLETED);

        RefundRequest refund = new RefundRequest("r-1", "refund-9", "order-A", null, null, null);
        String refundJson = "{\"messageId\": \"r-1\", \"refundId\": \"refund-9\", \"orderId\": \"order-A\", \"amount\": {\"value\": \"20.00\", \"currency\": \"SEK\"}}";
        assertThat(keys.claimRefund(refundJson, refund)).isEqualTo(KeyOutcome.FIRST_USE);
        // another message with the same refund: the same refund again
        RefundRequest second = new RefundRequest("r-2", "refund-9", "order-A", null, null, null);
        assertThat(keys.claimRefund(refundJson.replace("r-1", "r-2"), second)).isEqualTo(KeyOutcome.REPEAT);
        RefundRequest third = new RefundRequest("r-3", "refund-9", "order-A", null, null, null);
        assertThatThrownBy(() -> keys.claimRefund(refundJson.replace("r-1", "r-3").replace("20.00", "30.00"), third))
                .hasMessageContaining("refundId refund-9 was first used at").hasMessageContaining("by message r-1");

        // c-1, f-1 twice, refund-9, r-1, r-2; the refused r-3 left no key
        assertThat(rows.value("select count(*) from idempotency_keys")).isEqualTo(6L);
        assertThat(rows.query("select key_value from idempotency_keys where key_value = 'r-3'")).isEmpty();
    }

    /** 8 copies of f-1 at once, half with the first content and half with other content. */
    private static void assertOneClaimWins(LedgerDatabase ledger) throws Exception {
        IdempotencyKeys keys = keys(ledger);
        int copies = 8;
        ExecutorService threads = Executors.newFixedThreadPool(copies);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            String content = i % 2 == 0 ? FIRST : OTHER;
            outcomes.add(threads.submit(() -> {
                start.await();
                try {
                    return (content == FIRST ? "A " : "B ") + keys.claimMessage("fulfilment", content, "f-1", null, null);
                } catch (InvalidMessageException e) {
                    return (content == FIRST ? "A " : "B ") + e.getCode();
                }
            }));
        }
        start.countDown();
        Map<String, Integer> counts = new TreeMap<>();
        for (Future<String> outcome : outcomes) {
            counts.merge(outcome.get(), 1, Integer::sum);
        }
        threads.shutdown();
        System.out.println("IdempotencyKeysTest: " + copies + " copies claiming f-1 at once: " + counts);

        String winner = counts.containsKey("A FIRST_USE") ? "A" : "B";
        String loser = winner.equals("A") ? "B" : "A";
        assertThat(counts).containsOnly(Map.entry(winner + " FIRST_USE", 1), Map.entry(winner + " REPEAT", 3),
                Map.entry(loser + " IDEMPOTENCY_KEY_REUSED", 4));
        assertThat(new LedgerRows(ledger.dataSource()::getConnection).value("select count(*) from idempotency_keys"))
                .isEqualTo(1L);
    }

    private static IdempotencyKeys keys(LedgerDatabase ledger) {
        return new IdempotencyKeys(ledger.dataSource(), new MessageFingerprints("test secret 16 b".getBytes(StandardCharsets.UTF_8)));
    }

    private LedgerDatabase h2Ledger() {
        String url = ConfigFile.load().getProperty("ledger.url").replace("{{app.data-dir}}", dataDir.toString());
        LedgerDatabase ledger = new LedgerDatabase(url, "sa", "", 8);
        ledger.migrate();
        return ledger;
    }
}
