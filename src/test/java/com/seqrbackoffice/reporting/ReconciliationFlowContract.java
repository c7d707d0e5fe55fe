package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * Periods marked, reported and reconciled against the ledger, through the real routes. The reporting trigger is
 * driven by hand (direct:mark-transaction-periods with a chosen scheduled fire time) so each test owns its
 * periods; the Quartz trigger itself is tested in ScheduledJobsTest. Subclasses run it on H2 and PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ReconciliationFlowContract extends FlowTestSupport {

    /** Settings of these tests: SEQR's report is ready 1.5 s after the mark, asked for every 300 ms. */
    static Map<String, String> reportingSettings() {
        Map<String, String> settings = new HashMap<>(Map.of(
                "seqr.emulator.report-delay-ms", "1500",
                "reporting.first-fetch-delay-ms", "300",
                "reporting.retry-delay-ms", "300",
                "reporting.max-fetch-attempts", "20",
                // a route a test stops fails its caller at once instead of after Camel's 30 s wait for a consumer
                "camel.component.direct.timeout", "100"));
        return settings;
    }

    @Test
    @Order(1)
    void aPeriodWhereEverythingMatchesIsReconciledCleanAfterReportNotReady() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        paidPayment(terminal, orderId, "500.00", "420.00");
        till.send(queue("refunds"), """
                {"messageId": "%s", "refundId": "%s", "orderId": "%s", "amount": {"value": "20.00", "currency": "SEK"}}
                """.formatted(unique("r"), unique("refund"), orderId));
        awaitStatus(orderId, "REFUNDED");
        long reportCallsBefore = emulator().counters().calls("executeReport");

        markPeriods("2026-01-01T00:05:00Z");

        TillClient.Received terminalSummary = awaitSummary("scope = 'TERMINAL' AND terminalId = '" + terminal + "'");
        assertThat(terminalSummary.field("outcome")).isEqualTo("CLEAN");
        assertThat(terminalSummary.json()).containsEntry("seqrCount", 2).containsEntry("ledgerCount", 2)
                .containsEntry("seqrTotal", "400.00").containsEntry("ledgerTotal", "400.00");
        assertThat((List<?>) terminalSummary.json().get("discrepancies")).isEmpty();
        TillClient.Received shopSummary = awaitSummary("scope = 'SHOP'");
        assertThat(shopSummary.field("outcome")).isEqualTo("CLEAN");
        assertThat(shopSummary.field("seqrTotal")).isEqualTo("400.00");

        String periodId = terminalSummary.field("transactionPeriodId");
        // two periods (shop, terminal), each asked while not ready and again when ready
        assertThat(emulator().counters().calls("executeReport") - reportCallsBefore).isGreaterThanOrEqualTo(4);
        assertThat(rows("select status from transaction_periods where transaction_period_id = ?", periodId))
                .extracting(row -> row.get("status")).containsExactly("RECONCILED");
        assertThat(rows("select content from seqr_reports where transaction_period_id = ?", periodId))
                .extracting(row -> (String) row.get("content"))
                .singleElement().asString().contains("<TransactionDetails>", periodId, orderId);
        assertThat(rows("select row_type, amount, order_id from seqr_report_rows where transaction_period_id = ?"
                + " order by id", periodId))
                .extracting(row -> row.get("row_type") + " " + ((BigDecimal) row.get("amount")).stripTrailingZeros()
                        .toPlainString() + " " + row.get("order_id"))
                .containsExactly("PAYMENT 420 " + orderId, "REFUND 20 " + orderId);
        assertThat(rows("select outcome, seqr_count, ledger_count, discrepancy_count from reconciliation_results"
                + " where transaction_period_id = ?", periodId))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("outcome")).isEqualTo("CLEAN");
                    assertThat(((Number) row.get("discrepancy_count")).intValue()).isZero();
                });
        assertThat(rows("select t.terminal_id, t.seqr_count, t.seqr_total, t.ledger_count, t.ledger_total"
                + " from reconciliation_terminal_totals t join reconciliation_results r on r.id = t.result_id"
                + " where r.transaction_period_id = ?", periodId))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("terminal_id")).isEqualTo(terminal);
                    assertThat((BigDecimal) row.get("seqr_total")).isEqualByComparingTo("400");
                    assertThat((BigDecimal) row.get("ledger_total")).isEqualByComparingTo("400");
                });
    }

    @Test
    @Order(2)
    void aPaymentOnlySeqrKnowsAndOneOnlyTheLedgerKnowsAreBothFound() {
        String terminal = registeredTerminal();
        String seqrTerminalId = seqrTerminalId(terminal);
        String matched = unique("order");
        paidPayment(terminal, matched, "100.00", "100.00");
        String ghost = unique("ghost");
        String ghostInvoice = emulator().seedPaidPayment(seqrTerminalId, new BigDecimal("12.34"), "SEK", ghost)
                .invoiceReference();
        String ledgerOnly = unique("ledger-only");
        seedLedgerOnlyCapture(terminal, ledgerOnly, "55.00");

        markPeriods("2026-01-02T00:05:00Z");

        TillClient.Received summary = awaitSummary("scope = 'TERMINAL' AND terminalId = '" + terminal + "'");
        assertThat(summary.field("outcome")).isEqualTo("DISCREPANCIES");
        assertThat(summary.json()).containsEntry("seqrCount", 2).containsEntry("ledgerCount", 2)
                .containsEntry("seqrTotal", "112.34").containsEntry("ledgerTotal", "155.00");
        String periodId = summary.field("transactionPeriodId");
        assertThat(rows("select kind, invoice_reference, order_id, terminal_id, seqr_amount, ledger_amount"
                + " from reconciliation_discrepancies where transaction_period_id = ? order by kind", periodId))
                .extracting(row -> row.get("kind") + " " + row.get("order_id") + " " + row.get("terminal_id") + " "
                        + amount(row.get("seqr_amount")) + " " + amount(row.get("ledger_amount")))
                .containsExactly(
                        "MISSING_AT_SEQR " + ledgerOnly + " " + terminal + " - 55",
                        "MISSING_IN_LEDGER " + ghost + " " + terminal + " 12.34 -");
        assertThat(rows("select invoice_reference from reconciliation_discrepancies"
                + " where order_id = ? and transaction_period_id = ?", ghost, periodId))
                .extracting(row -> row.get("invoice_reference")).containsExactly(ghostInvoice);
    }

    @Test
    @Order(3)
    void aTriggerFiringTwiceForTheSameScheduleMarksAndReportsThePeriodOnce() {
        long terminals = rows("select terminal_id from terminals where status = 'REGISTERED'").size();
        long marksBefore = emulator().counters().calls("markTransactionPeriod");
        String scheduled = "2026-01-03T00:05:00Z";

        markPeriods(scheduled);
        markPeriods(scheduled);

        assertThat(emulator().counters().calls("markTransactionPeriod") - marksBefore).isEqualTo(1 + terminals);
        assertThat(rows("select transaction_period_id from transaction_periods where period_key = ?",
                "SHOP:" + scheduled)).hasSize(1);
        assertThat(awaitSummary("scope = 'SHOP'")).isNotNull();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(rows("select r.id from reconciliation_results r join transaction_periods p"
                        + " on p.transaction_period_id = r.transaction_period_id where p.period_key = ?",
                        "SHOP:" + scheduled)).hasSize(1));
    }

    @Test
    @Order(4)
    void periodsReconciledOutOfOrderRaiseNoFalseDiscrepancies() {
        String terminal = registeredTerminal();
        String first = unique("order");
        String second = unique("order");
        List<ReconciliationSummary> summaries = whileReportsWait(() -> {
            paidPayment(terminal, first, "100.00", "90.00");
            markPeriods("2026-01-04T00:05:00Z");
            paidPayment(terminal, second, "50.00", "45.00");
            markPeriods("2026-01-05T00:05:00Z");
            ReconciliationSummary later = reconcileNow(shopPeriod("2026-01-05T00:05:00Z"), seqrReport -> seqrReport);
            ReconciliationSummary earlier = reconcileNow(shopPeriod("2026-01-04T00:05:00Z"), seqrReport -> seqrReport);
            return List.of(later, earlier);
        });

        assertThat(summaries).extracting(ReconciliationSummary::outcome).containsExactly("CLEAN", "CLEAN");
        assertThat(summaries).extracting(summary -> summary.seqrTotal() + " " + summary.ledgerTotal())
                .containsExactly("45.00 45.00", "90.00 90.00");
        System.out.println("Reconciliation: two periods reconciled out of order (the later first): both CLEAN, each"
                + " ledger entry taken by its own period");
    }

    @Test
    @Order(5)
    void aMalformedReportRowIsADiscrepancyWithItsReasonNotAFailedReport() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        ReconciliationSummary summary = whileReportsWait(() -> {
            paidPayment(terminal, orderId, "80.00", "80.00");
            markPeriods("2026-01-06T00:05:00Z");
            return reconcileNow(shopPeriod("2026-01-06T00:05:00Z"), xml -> xml.replace("</TransactionDetails>",
                    "<Row><Type>PAYMENT</Type><InvoiceReference>999</InvoiceReference><ClientInvoiceId>bad-row"
                            + "</ClientInvoiceId><Amount>12,50</Amount><Currency>SEK</Currency></Row></TransactionDetails>"));
        });

        assertThat(summary.outcome()).isEqualTo("DISCREPANCIES");
        assertThat(summary.discrepancyCount()).isEqualTo(1);
        assertThat(summary.discrepancies()).singleElement().satisfies(discrepancy -> {
            assertThat(discrepancy.kind()).isEqualTo("MALFORMED_ROW");
            assertThat(discrepancy.orderId()).isEqualTo("bad-row");
            assertThat(discrepancy.reason()).isEqualTo("row 2: Amount '12,50' is not a decimal number");
        });
        assertThat(summary.seqrTotal()).isEqualTo("80.00");
        assertThat(summary.ledgerTotal()).isEqualTo("80.00");
        assertThat(rows("select kind, reason from reconciliation_discrepancies where transaction_period_id = ?",
                summary.transactionPeriodId())).extracting(row -> row.get("kind") + ": " + row.get("reason"))
                .containsExactly("MALFORMED_ROW: row 2: Amount '12,50' is not a decimal number");
        System.out.println("Reconciliation: a report row with amount '12,50' reconciled as a MALFORMED_ROW discrepancy"
                + " with its reason; the report's other row matched");
    }

    @Test
    @Order(6)
    void aPaymentTheLedgerRecordedLongAfterSeqrMadeItIsMatchedToThePeriodWhoseReportShowsIt() {
        String terminal = registeredTerminal();
        String seqrTerminalId = seqrTerminalId(terminal);
        String orderId = unique("late");
        String invoice = emulator().seedPaidPayment(seqrTerminalId, new BigDecimal("33.00"), "SEK", orderId)
                .invoiceReference();
        ReconciliationSummary summary = whileReportsWait(() -> {
            markPeriods("2026-01-07T00:05:00Z");
            // its fulfilment reached the ledger only after an outage, long past the period's settle window
            seedCapture(terminal, orderId, invoice, "33.00", OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));
            return reconcileNow(shopPeriod("2026-01-07T00:05:00Z"), seqrReport -> seqrReport);
        });

        assertThat(summary.outcome()).isEqualTo("CLEAN");
        assertThat(summary.seqrTotal() + " " + summary.ledgerTotal()).isEqualTo("33.00 33.00");
        assertThat(rows("select m.transaction_period_id from reconciliation_matches m join ledger_entries e"
                + " on e.id = m.ledger_entry_id where e.order_id = ? and m.scope_key = 'SHOP'", orderId))
                .extracting(row -> row.get("transaction_period_id")).containsExactly(summary.transactionPeriodId());
        System.out.println("Reconciliation: a capture the ledger recorded 2 h after its period's mark matched to the"
                + " period whose report shows it: CLEAN, 33.00 on both sides");
    }

    @Test
    @Order(7)
    void aPeriodWhoseReportRequestWasLostIsAskedForAtTheNextFire() throws Exception {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        paidPayment(terminal, orderId, "70.00", "60.00");
        // as a crash between recording the period and queueing its report request would leave it
        app.context().getRouteController().stopRoute("schedule-report-request");
        try {
            markPeriods("2026-01-08T00:05:00Z");
        } finally {
            app.context().getRouteController().startRoute("schedule-report-request");
        }
        String periodId = shopPeriod("2026-01-08T00:05:00Z");
        assertThat(rows("select status from transaction_periods where transaction_period_id = ?", periodId))
                .extracting(row -> row.get("status")).containsExactly("MARKED");

        markPeriods("2026-01-09T00:05:00Z");

        TillClient.Received summary = till.receive(queue("reconciliation"), "transactionPeriodId = '" + periodId + "'",
                EVENT_TIMEOUT);
        assertThat(summary).as("the summary of the period whose request was lost").isNotNull();
        assertThat(summary.field("outcome")).isEqualTo("CLEAN");
        assertThat(summary.field("seqrTotal")).isEqualTo("60.00");
        System.out.println("Reconciliation: a period whose report request was lost asked for at the next fire and"
                + " reconciled CLEAN (60.00 on both sides)");
    }

    @Test
    @Order(8)
    void aPaymentInThePeriodOfAMarkWhoseAnswerWasLostIsInAnUnreportedPeriodNotMissingAtSeqr() {
        // the earlier tests' periods reconciled first, so that the payments below are this test's periods' to take
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> rows(
                "select status from transaction_periods where scope = 'SHOP' and status <> 'RECONCILED'").isEmpty());
        String terminal = registeredTerminal();
        String before = unique("order");
        paidPayment(terminal, before, "80.00", "75.00");
        // SEQR cuts the shop's period but its answer never arrives, as when the app is killed during the call
        emulator().setFault(FaultSpec.dropResponse("markTransactionPeriod", 3_000, 1));
        markPeriods("2026-01-10T00:05:00Z");
        assertThat(rows("select transaction_period_id from period_marks where period_key = ?",
                "SHOP:2026-01-10T00:05:00Z")).extracting(row -> row.get("transaction_period_id")).containsOnlyNulls();
        String after = unique("order");
        paidPayment(terminal, after, "40.00", "30.00");

        markPeriods("2026-01-11T00:05:00Z");

        String periodId = shopPeriod("2026-01-11T00:05:00Z");
        TillClient.Received summary = awaitSummary("scope = 'SHOP' AND transactionPeriodId = '" + periodId + "'");
        assertThat(summary.json()).containsEntry("seqrCount", 1).containsEntry("seqrTotal", "30.00");
        assertThat(rows("select kind, ledger_amount, reason from reconciliation_discrepancies d"
                + " join transaction_periods tp on tp.transaction_period_id = d.transaction_period_id"
                + " where tp.scope = 'SHOP' and d.order_id = ?", before)).singleElement().satisfies(row -> {
                    assertThat(row.get("kind")).isEqualTo("IN_UNREPORTED_PERIOD");
                    assertThat(amount(row.get("ledger_amount"))).isEqualTo("75");
                    assertThat((String) row.get("reason")).contains("mark of SHOP:2026-01-10T00:05:00Z");
                });
        assertThat(rows("select kind from reconciliation_discrepancies where order_id = ?", after)).isEmpty();
        System.out.println("Reconciliation: a payment made before a mark whose answer was lost is IN_UNREPORTED_PERIOD"
                + " in the next period (whose report shows only the 30.00 made after it), not MISSING_AT_SEQR");
    }

    /** Runs {@code work} with the report fetching route stopped, so that the test reconciles when it chooses. */
    private static <T> T whileReportsWait(java.util.function.Supplier<T> work) {
        try {
            app.context().getRouteController().stopRoute("fetch-and-reconcile-report");
            return work.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                app.context().getRouteController().startRoute("fetch-and-reconcile-report");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String shopPeriod(String scheduledFireTime) {
        return (String) rows("select transaction_period_id from transaction_periods where period_key = ?",
                "SHOP:" + scheduledFireTime).get(0).get("transaction_period_id");
    }

    /** SEQR's shop report of the period once it is ready, as {@code edit} leaves its XML, stored and reconciled. */
    private static ReconciliationSummary reconcileNow(String periodId, java.util.function.UnaryOperator<String> edit) {
        String reportId = app.setting("reporting.shop-report-id");
        com.seqrbackoffice.seqr.client.SeqrRequests requests =
                app.bean("seqrRequests", com.seqrbackoffice.seqr.client.SeqrRequests.class);
        com.seqrbackoffice.seqr.api.Report report = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(300))
                .ignoreExceptions().until(() -> ((com.seqrbackoffice.seqr.api.ErswsExecuteReportResponse) app.producer()
                        .requestBody("cxf:bean:seqr?defaultOperationName=executeReport",
                                requests.executeReport(reportId, "en", periodId, null))).getReport(),
                        java.util.Objects::nonNull);
        report.setContentString(edit.apply(report.getContentString()));
        return app.bean("reconciliation", Reconciliation.class).storeAndReconcile(
                new ReportRequest(periodId, ReportingPlan.SHOP, null, null, reportId, 1), report);
    }

    private static void markPeriods(String scheduledFireTime) {
        app.producer().sendBody("direct:mark-transaction-periods", Date.from(Instant.parse(scheduledFireTime)));
    }

    private static TillClient.Received awaitSummary(String selector) {
        TillClient.Received summary = till.receive(queue("reconciliation"), selector, EVENT_TIMEOUT);
        assertThat(summary).as("reconciliation summary " + selector).isNotNull();
        return summary;
    }

    /** A paid payment and its capture that SEQR never saw: written to the ledger directly. */
    private static void seedLedgerOnlyCapture(String terminal, String orderId, String amount) {
        // well before the mark's settle window, where it could still be the next period's
        seedCapture(terminal, orderId, "9" + Long.toString(System.nanoTime()).substring(3), amount,
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10));
    }

    /** A paid payment and its capture as the ledger recorded it at {@code recordedAt}, written directly. */
    private static void seedCapture(String terminal, String orderId, String invoice, String amount,
                                    OffsetDateTime recordedAt) {
        execute("""
                insert into payments (order_id, request_message_id, terminal_id, invoice_reference, status, currency,
                    reserved_amount, final_amount, seqr_version, commit_timeout_seconds, confirm_deadline,
                    commit_deadline, created_at, updated_at)
                values (?, ?, ?, ?, 'PAID', 'SEK', ?, ?, 0, 3600, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,
                    CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
                orderId, orderId, terminal, invoice, new BigDecimal(amount), new BigDecimal(amount));
        execute("""
                insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,
                    invoice_reference, recorded_at)
                values (?, ?, ?, 'CAPTURE', ?, 'SEK', ?, ?)""",
                orderId + ":CAPTURE", orderId, terminal, new BigDecimal(amount), invoice, recordedAt);
    }

    private static void execute(String sql, Object... parameters) {
        try (Connection connection = app.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String amount(Object value) {
        return value == null ? "-" : ((BigDecimal) value).stripTrailingZeros().toPlainString();
    }
}
