package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.emulator.InvoiceView;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * A shop's report of 100,000 rows through the real routes: the emulator holds 100,000 payments of one period (seeded
 * as paid), the ledger their 100,000 captures (written directly, as months of fulfilments would have), and the
 * reporting route marks the period, fetches SEQR's report (tens of MB over SOAP), stores it whole and reconciles
 * every row. Subclasses run it on H2 and on PostgreSQL.
 */
abstract class ReportVolumeContract extends FlowTestSupport {

    static final int ROWS = 100_000;

    static Map<String, String> volumeSettings() {
        Map<String, String> settings = new HashMap<>(ReconciliationFlowContract.reportingSettings());
        settings.put("reporting.terminal-periods", "false");
        settings.put("seqr.receive-timeout-ms.execute-report", "120000");
        return settings;
    }

    @Test
    void aShopReportOfAHundredThousandRowsIsStoredAndReconciled() throws SQLException {
        String terminal = registeredTerminal();
        String seqrTerminalId = seqrTerminalId(terminal);
        long started = System.nanoTime();
        List<InvoiceView> paid = new ArrayList<>(ROWS);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < ROWS; i++) {
            BigDecimal amount = BigDecimal.valueOf(100 + i % 900, 2).add(BigDecimal.TEN);
            paid.add(emulator().seedPaidPayment(seqrTerminalId, amount, "SEK", "volume-" + i));
            total = total.add(amount);
        }
        long seeded = System.nanoTime();
        writeCaptures(terminal, paid);
        long written = System.nanoTime();

        app.producer().sendBody("direct:mark-transaction-periods", Date.from(Instant.parse("2026-04-01T00:05:00Z")));
        TillClient.Received summary = till.receive(queue("reconciliation"), "scope = 'SHOP'", Duration.ofMinutes(5));
        long reconciled = System.nanoTime();

        assertThat(summary).as("the shop period's summary").isNotNull();
        assertThat(summary.field("outcome")).isEqualTo("CLEAN");
        assertThat(summary.json()).containsEntry("seqrCount", ROWS).containsEntry("ledgerCount", ROWS)
                .containsEntry("discrepancyCount", 0);
        assertThat(new BigDecimal(summary.field("seqrTotal"))).isEqualByComparingTo(total);
        assertThat(new BigDecimal(summary.field("ledgerTotal"))).isEqualByComparingTo(total);
        String periodId = summary.field("transactionPeriodId");
        long contentLength = ((Number) rows("select length(content) as n from seqr_reports where transaction_period_id = ?",
                periodId).get(0).get("n")).longValue();
        assertThat(contentLength).as("the raw report, whole").isGreaterThan(1_000_000);
        assertThat(((Number) rows("select count(*) as n from seqr_report_rows where transaction_period_id = ?", periodId)
                .get(0).get("n")).intValue()).isEqualTo(ROWS);
        System.out.printf("Report volume (%s): %,d rows, report %,d characters stored; emulator seeded in %d s, ledger"
                        + " written in %d s, marked, fetched, stored and reconciled CLEAN in %d s (total %s SEK)%n",
                getClass().getSimpleName(), ROWS, contentLength, seconds(started, seeded), seconds(seeded, written),
                seconds(written, reconciled), total.toPlainString());
    }

    /** The captures of the seeded payments, as fulfilments would have booked them. */
    private static void writeCaptures(String terminal, List<InvoiceView> paid) throws SQLException {
        try (Connection connection = app.bean("dataSource", DataSource.class).getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement payment = connection.prepareStatement("""
                    insert into payments (order_id, request_message_id, terminal_id, invoice_reference, status, currency,
                        reserved_amount, final_amount, ers_reference, seqr_version, commit_timeout_seconds,
                        confirm_deadline, commit_deadline, created_at, updated_at)
                    values (?, ?, ?, ?, 'PAID', 'SEK', ?, ?, ?, 2, 3600, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,
                        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""");
                 PreparedStatement capture = connection.prepareStatement("""
                    insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,
                        invoice_reference, ers_reference, recorded_at)
                    values (?, ?, ?, 'CAPTURE', ?, 'SEK', ?, ?, CURRENT_TIMESTAMP)""")) {
                for (int i = 0; i < paid.size(); i++) {
                    InvoiceView invoice = paid.get(i);
                    BigDecimal amount = new BigDecimal(invoice.paidAmount().value());
                    payment.setString(1, invoice.clientInvoiceId());
                    payment.setString(2, invoice.clientInvoiceId());
                    payment.setString(3, terminal);
                    payment.setString(4, invoice.invoiceReference());
                    payment.setBigDecimal(5, amount);
                    payment.setBigDecimal(6, amount);
                    payment.setString(7, invoice.ersReference());
                    payment.addBatch();
                    capture.setString(1, invoice.clientInvoiceId() + ":CAPTURE");
                    capture.setString(2, invoice.clientInvoiceId());
                    capture.setString(3, terminal);
                    capture.setBigDecimal(4, amount);
                    capture.setString(5, invoice.invoiceReference());
                    capture.setString(6, invoice.ersReference());
                    capture.addBatch();
                    if (i % 1000 == 999) {
                        payment.executeBatch();
                        capture.executeBatch();
                    }
                }
                payment.executeBatch();
                capture.executeBatch();
            }
            connection.commit();
        }
    }

    private static long seconds(long from, long to) {
        return Duration.ofNanos(to - from).toSeconds();
    }
}
