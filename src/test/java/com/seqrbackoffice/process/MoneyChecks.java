package com.seqrbackoffice.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.EmulatorProcess;
import com.seqrbackoffice.testing.LedgerRows;
import com.seqrbackoffice.testing.PaymentDriver;

/** What every process-level test checks at the end: the ledger and SEQR agree on the money, and none moved twice. */
final class MoneyChecks {

    private MoneyChecks() {
    }

    /** Invoices that were sent commitReservation more than once (SEQR refused all but one). */
    static long invoicesAskedTwice(EmulatorProcess seqr) {
        return seqr.commitCalls().values().stream().filter(count -> count > 1).count();
    }

    /**
     * A run in which every payment must be PAID: the app still runs (it rode out what happened without a restart),
     * the tills took all {@code total} payments to PAID, the ledger matches SEQR, no invoice was sent a second
     * commitReservation, and the ledger has no payment the tills did not ask for.
     */
    static void assertEveryPaymentPaidOnce(String test, AppProcess app, PaymentDriver tills, boolean done, int total,
            LedgerRows ledger, EmulatorProcess seqr) {
        assertThat(app.isAlive()).as("the app rode it out without a restart").isTrue();
        assertThat(done).as("every payment final; ledger: %s; app log:%n%s", tills.statusCounts(), app.tail(40)).isTrue();
        assertThat(tills.outcomes()).hasSize(total);
        assertThat(tills.outcomes().values()).as("every payment completes").containsOnly("PAID");
        assertLedgerMatchesSeqr(test, ledger, seqr);
        assertThat(invoicesAskedTwice(seqr)).as("no invoice sent a second commitReservation").isZero();
        assertThat((Long) ledger.value("select count(*) from payments")).isEqualTo(total);
    }

    /**
     * Every refund SEQR made is a REFUND entry in the ledger and the other way round, per invoice: none made twice,
     * none missing, and SEQR's refunded amount of each invoice is the ledger's.
     */
    static void assertRefundsMatchSeqr(String test, LedgerRows ledger, EmulatorProcess seqr) {
        Map<String, List<BigDecimal>> entries = ledger.query(
                "select invoice_reference, amount from ledger_entries where entry_type = 'REFUND'").stream()
                .collect(Collectors.groupingBy(row -> (String) row.get("invoice_reference"),
                        Collectors.mapping(row -> (BigDecimal) row.get("amount"), Collectors.toList())));
        Map<String, Integer> made = seqr.acceptedRefunds();
        BigDecimal ledgerTotal = entries.values().stream().flatMap(List::stream).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal seqrTotal = BigDecimal.ZERO;
        for (String invoice : made.keySet()) {
            seqrTotal = seqrTotal.add(new BigDecimal(seqr.invoice(invoice).path("refundedAmount").path("value").asText()));
        }
        System.out.printf("%s: ledger refunds %d on %d invoices, %s SEK; SEQR: %d refunds made, %s SEK%n", test,
                entries.values().stream().mapToInt(List::size).sum(), entries.size(),
                ledgerTotal.stripTrailingZeros().toPlainString(), made.values().stream().mapToInt(Integer::intValue).sum(),
                seqrTotal.stripTrailingZeros().toPlainString());
        assertThat(made.keySet()).as("every invoice SEQR refunded has its refunds in the ledger, and only those")
                .isEqualTo(entries.keySet());
        made.forEach((invoice, count) -> assertThat(entries.get(invoice)).as("refunds of invoice " + invoice)
                .hasSize(count));
        assertThat(seqrTotal).as("ledger refunds = SEQR's refunded total").isEqualByComparingTo(ledgerTotal);
    }

    /**
     * The shop-wide reconciliations: what SEQR's reports hold over all periods (net: payments − refunds −
     * reversals), plus what the reconciliations found to be in a period SEQR cut for a mark whose answer a kill lost
     * (IN_UNREPORTED_PERIOD: no report can be asked for it), equals the ledger's net (captures − refunds), and every
     * capture and refund was taken by a period.
     */
    static void assertLedgerMatchesReports(String test, LedgerRows ledger) {
        BigDecimal reported = ledger.query("""
                select r.seqr_total from reconciliation_results r
                join transaction_periods tp on tp.transaction_period_id = r.transaction_period_id
                where tp.scope = 'SHOP'""").stream().map(row -> (BigDecimal) row.get("seqr_total"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal net = ledger.query("""
                select case when entry_type = 'CAPTURE' then amount else -amount end as signed
                from ledger_entries where entry_type in ('CAPTURE', 'REFUND')""").stream()
                .map(row -> (BigDecimal) row.get("signed")).reduce(BigDecimal.ZERO, BigDecimal::add);
        long periods = ((Number) ledger.value("select count(*) from transaction_periods where scope = 'SHOP'")).longValue();
        long untaken = ((Number) ledger.value("""
                select count(*) from ledger_entries e where e.entry_type in ('CAPTURE', 'REFUND') and not exists
                (select 1 from reconciliation_matches m where m.scope_key = 'SHOP' and m.ledger_entry_id = e.id)""")).longValue();
        List<Map<String, Object>> discrepancies = ledger.query("""
                select d.kind, count(*) as n from reconciliation_discrepancies d
                join transaction_periods tp on tp.transaction_period_id = d.transaction_period_id
                where tp.scope = 'SHOP' group by d.kind order by d.kind""");
        BigDecimal unreported = ledger.query("""
                select case when d.item_type = 'PAYMENT' then d.ledger_amount else -d.ledger_amount end as signed
                from reconciliation_discrepancies d
                join transaction_periods tp on tp.transaction_period_id = d.transaction_period_id
                where tp.scope = 'SHOP' and d.kind = 'IN_UNREPORTED_PERIOD'""").stream()
                .map(row -> (BigDecimal) row.get("signed")).reduce(BigDecimal.ZERO, BigDecimal::add);
        long unanswered = ((Number) ledger.value(
                "select count(*) from period_marks where scope = 'SHOP' and transaction_period_id is null")).longValue();
        long settled = ((Number) ledger.value(
                "select count(*) from ledger_entries where source_report_pk is not null")).longValue();
        System.out.printf("%s: %d shop periods reconciled, SEQR's reports %s SEK net, ledger %s SEK net; %d marks"
                + " unanswered, %s SEK net in unreported periods; %d entries settled from a report, %d not taken by a"
                + " period; discrepancies %s%n", test, periods, reported.stripTrailingZeros().toPlainString(),
                net.stripTrailingZeros().toPlainString(), unanswered, unreported.stripTrailingZeros().toPlainString(),
                settled, untaken, discrepancies.stream().map(row -> row.get("kind") + " " + row.get("n")).toList());
        assertThat(untaken).as("every capture and refund taken by a shop period").isZero();
        assertThat(reported.add(unreported)).as("SEQR's report totals + unreported periods = the ledger's net")
                .isEqualByComparingTo(net);
        if (unanswered == 0) {
            assertThat(unreported).as("nothing in an unreported period when every mark was answered").isZero();
        }
    }

    /**
     * Over the whole ledger (a schema of the test's own) and the whole emulator (a process of the test's own): one
     * capture per order; no invoice committed twice; every commit SEQR accepted is a capture
     * in the ledger and every capture one SEQR accepted (a second commitReservation that SEQR refused is counted and
     * printed: the tests that need none assert it themselves); SEQR's PAID invoices are as many as the captures and their
     * paid total equals the ledger's.
     */
    static void assertLedgerMatchesSeqr(String test, LedgerRows ledger, EmulatorProcess seqr) {
        List<Map<String, Object>> captures = ledger.query(
                "select order_id, invoice_reference, amount from ledger_entries where entry_type = 'CAPTURE'");
        Set<String> captured = captures.stream().map(row -> (String) row.get("invoice_reference")).collect(Collectors.toSet());
        BigDecimal ledgerTotal = captures.stream().map(row -> (BigDecimal) row.get("amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Integer> accepted = seqr.acceptedCommits();
        Map<String, Integer> calls = seqr.commitCalls();
        BigDecimal seqrTotal = seqr.paidTotal(accepted.keySet());
        long seqrPaid = seqr.counters().path("invoices").path("PAID").asLong();
        long askedTwice = calls.values().stream().filter(count -> count > 1).count();
        System.out.printf("%s: ledger captures %d orders, %s SEK; SEQR: %d invoices PAID, %d commits accepted, paid total %s SEK;"
                + " commitReservation calls %d, invoices asked more than once %d; reversals %d%n", test, captures.size(),
                ledgerTotal.stripTrailingZeros().toPlainString(), seqrPaid, accepted.size(),
                seqrTotal.stripTrailingZeros().toPlainString(), calls.values().stream().mapToInt(Integer::intValue).sum(),
                askedTwice, seqr.counters().path("reversals").asLong());
        assertThat(captures.stream().map(row -> row.get("order_id")).distinct().count()).as("one capture per order")
                .isEqualTo(captures.size());
        assertThat(accepted.values()).as("no invoice committed twice").allSatisfy(count -> assertThat(count).isEqualTo(1));
        assertThat(accepted.keySet()).as("every commit SEQR accepted is captured in the ledger, and only those").isEqualTo(captured);
        assertThat(seqrPaid).as("SEQR's PAID invoices are the ledger's captures").isEqualTo(captures.size());
        assertThat(seqrTotal).as("ledger captures = SEQR's PAID total").isEqualByComparingTo(ledgerTotal);
    }
}
