package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.ledger.LedgerDatabase;
import com.seqrbackoffice.seqr.api.Report;

/**
 * Reconciliation on its own, without Camel: a migrated H2 ledger with a till, two captured payments and a marked
 * shop period, and SEQR reports written here.
 */
class ReconciliationTest {

    private static final String PERIOD = "1000000000000000000000001";

    private LedgerDatabase ledger;
    private Reconciliation reconciliation;

    @BeforeEach
    void ledgerWithTwoCapturesAndAMarkedPeriod() throws SQLException {
        ledger = new LedgerDatabase("jdbc:h2:mem:reconciliation-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 2);
        ledger.migrate();
        execute("insert into terminals (terminal_id, name, seqr_terminal_id, status, registered_at, updated_at)"
                + " values ('till-1', 'Till 1', 'seqr-till-1', 'REGISTERED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        captured("order-1", "inv-1", "42.00");
        captured("order-2", "inv-2", "10.00");
        execute("insert into period_marks (period_key, scope, scheduled_at, transaction_period_id, claimed_at)"
                + " values ('SHOP:p', 'SHOP', CURRENT_TIMESTAMP, '" + PERIOD + "', CURRENT_TIMESTAMP)");
        execute("insert into transaction_periods (transaction_period_id, period_key, scope, status, marked_at)"
                + " values ('" + PERIOD + "', 'SHOP:p', 'SHOP', 'MARKED', CURRENT_TIMESTAMP)");
        reconciliation = new Reconciliation(ledger.dataSource(), new ReportParser(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 50, new SettlementRules(Duration.ofSeconds(5), Duration.ofSeconds(15)), Clock.systemUTC());
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void aReportShowingEveryCaptureIsCleanAndTakesTheEntriesForThePeriod() throws SQLException {
        ReconciliationSummary summary = reconciliation.storeAndReconcile(request(),
                report(row("PAYMENT", "inv-1", "order-1", "42.00"), row("PAYMENT", "inv-2", "order-2", "10.00")));

        assertThat(summary.outcome()).isEqualTo(ReconciliationSummary.CLEAN);
        assertThat(summary.seqrCount()).isEqualTo(2);
        assertThat(summary.seqrTotal()).isEqualTo("52.00");
        assertThat(summary.ledgerCount()).isEqualTo(2);
        assertThat(summary.ledgerTotal()).isEqualTo("52.00");
        assertThat(summary.discrepancies()).isEmpty();
        assertThat(summary.terminals()).singleElement().satisfies(totals -> {
            assertThat(totals.terminalId()).isEqualTo("till-1");
            assertThat(totals.seqrTotal()).isEqualTo("52.00");
            assertThat(totals.ledgerTotal()).isEqualTo("52.00");
        });
        assertThat(query("select matched from reconciliation_matches order by ledger_entry_id")).containsExactly("TRUE", "TRUE");
        assertThat(query("select status from transaction_periods")).containsExactly("RECONCILED");
    }

    @Test
    void eachKindOfDiscrepancyIsListedWithWhatEachSideHas() {
        ReconciliationSummary summary = reconciliation.storeAndReconcile(request(),
                report(row("PAYMENT", "inv-1", "order-1", "40.00"), row("PAYMENT", "inv-9", "order-9", "5.00"),
                        "<Row><Type>PAYMENT</Type><InvoiceReference>inv-8</InvoiceReference><Currency>SEK</Currency></Row>"));

        assertThat(summary.outcome()).isEqualTo(ReconciliationSummary.DISCREPANCIES);
        assertThat(summary.discrepancies()).extracting(d -> d.kind() + " " + d.invoiceReference() + " SEQR "
                        + d.seqrAmount() + " ledger " + d.ledgerAmount())
                .containsExactly("AMOUNT_MISMATCH inv-1 SEQR 40.00 ledger 42.00",
                        "MISSING_IN_LEDGER inv-9 SEQR 5.00 ledger null",
                        "MISSING_AT_SEQR inv-2 SEQR null ledger 10.00",
                        "MALFORMED_ROW inv-8 SEQR null ledger null");
        assertThat(summary.discrepancyCount()).isEqualTo(4);
    }

    @Test
    void anEntryMissingAfterAMarkWhoseAnswerNeverCameIsInAnUnreportedPeriodAndSaysWhy() throws SQLException {
        // claimed a second before this period's, and the app stopped while SEQR answered: SEQR may have cut a period
        execute("insert into period_marks (period_key, scope, scheduled_at, claimed_at) select 'SHOP:lost', 'SHOP',"
                + " claimed_at, claimed_at - INTERVAL '1' SECOND from period_marks where period_key = 'SHOP:p'");

        ReconciliationSummary summary = reconciliation.storeAndReconcile(request(),
                report(row("PAYMENT", "inv-1", "order-1", "42.00")));

        assertThat(summary.discrepancies()).singleElement().satisfies(discrepancy -> {
            assertThat(discrepancy.kind()).isEqualTo("IN_UNREPORTED_PERIOD");
            assertThat(discrepancy.invoiceReference()).isEqualTo("inv-2");
            assertThat(discrepancy.ledgerAmount()).isEqualTo("10.00");
            assertThat(discrepancy.reason()).contains("mark of SHOP:lost", "never reached the ledger");
        });
        assertThat(query("select kind from reconciliation_discrepancies")).containsExactly("IN_UNREPORTED_PERIOD");
    }

    @Test
    void aPeriodAlreadyReconciledIsLeftAsItIs() throws SQLException {
        ReconciliationSummary first = reconciliation.storeAndReconcile(request(),
                report(row("PAYMENT", "inv-1", "order-1", "42.00"), row("PAYMENT", "inv-2", "order-2", "10.00")));

        ReconciliationSummary again = reconciliation.storeAndReconcile(request(), report());

        assertThat(again).isEqualTo(first);
        assertThat(reconciliation.summary(PERIOD)).isEqualTo(first);
        assertThat(query("select count(*) from seqr_reports")).containsExactly("1");
        assertThat(query("select count(*) from reconciliation_results")).containsExactly("1");
    }

    @Test
    void aPeriodNotReconciledHasNoSummary() {
        assertThat(reconciliation.summary(PERIOD)).isNull();
        assertThat(reconciliation.summary("no-such-period")).isNull();
    }

    private static ReportRequest request() {
        return new ReportRequest(PERIOD, ReportingPlan.SHOP, null, null, "Reconciliation/Shop.xml", 1);
    }

    private static String row(String type, String invoiceReference, String orderId, String amount) {
        return "<Row><Type>" + type + "</Type><InvoiceReference>" + invoiceReference + "</InvoiceReference>"
                + "<ClientInvoiceId>" + orderId + "</ClientInvoiceId><TerminalId>seqr-till-1</TerminalId>"
                + "<Amount>" + amount + "</Amount><Currency>SEK</Currency></Row>";
    }

    private static Report report(String... rows) {
        Report report = new Report();
        report.setTitle("Shop");
        report.setMimeType("text/xml");
        report.setContentString("<TransactionDetails>" + String.join("", rows) + "</TransactionDetails>");
        return report;
    }

    private void captured(String orderId, String invoiceReference, String amount) throws SQLException {
        execute("insert into payments (order_id, request_message_id, terminal_id, invoice_reference, status, currency,"
                + " reserved_amount, final_amount, commit_timeout_seconds, confirm_deadline, commit_deadline,"
                + " created_at, updated_at) values ('" + orderId + "', 'm-" + orderId + "', 'till-1', '"
                + invoiceReference + "', 'PAID', 'SEK', 50, " + amount + ", 600, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        execute("insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,"
                + " invoice_reference, ers_reference, recorded_at) values ('" + orderId + ":CAPTURE', '" + orderId
                + "', 'till-1', 'CAPTURE', " + amount + ", 'SEK', '" + invoiceReference + "', 'ers-" + orderId
                + "', CURRENT_TIMESTAMP - INTERVAL '1' MINUTE)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = ledger.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = ledger.dataSource().getConnection(); Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
