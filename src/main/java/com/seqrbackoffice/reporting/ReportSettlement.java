package com.seqrbackoffice.reporting;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.seqrbackoffice.ledger.LedgerStatements;
import com.seqrbackoffice.ledger.LedgerStatements.Statement;

/**
 * Books what SEQR's reports show of calls whose outcome the ledger does not know, inside the reconciliation's
 * transaction: a commit whose answer was lost (the payment is still RESERVED with its commit claimed, and a report
 * has its PAYMENT row) becomes PAID with its capture and release; a refund whose outcome is unknown becomes REFUNDED
 * when a report has its REFUND row, or REFUSED when every report that could have it does not
 * ({@link SettlementRules}). Each booked entry names the report that showed it ({@code source_report_pk}).
 */
final class ReportSettlement {

    /** A ledger entry booked from a report row, and the period of that row. */
    record Booked(long entryId, String rowPeriodId) {
    }

    private static final Statement PAID_AT_SEQR = LedgerStatements.load("sql/reconciliation/paid-at-seqr.sql");
    private static final Statement UNKNOWN_REFUNDS = LedgerStatements.load("sql/refunds/unknown-outcomes.sql");
    private static final Statement REFUND_ROW = LedgerStatements.load("sql/reconciliation/refund-row.sql");
    private static final Statement PERIODS_OF_SCOPE = LedgerStatements.load("sql/reconciliation/periods-of-scope.sql");
    private static final Statement MARK_PAID = LedgerStatements.load("sql/payments/mark-paid-from-report.sql");
    private static final Statement PAID_HISTORY =
            LedgerStatements.load("sql/payment-status-history/insert-paid-from-report.sql");
    private static final Statement CAPTURE = LedgerStatements.load("sql/ledger-entries/insert-capture-from-report.sql");
    private static final Statement RELEASE = LedgerStatements.load("sql/ledger-entries/insert-release-from-report.sql");
    private static final Statement REFUND = LedgerStatements.load("sql/ledger-entries/insert-refund.sql");
    private static final Statement REFUSE_REFUND = LedgerStatements.load("sql/refunds/mark-refused.sql");
    private static final Statement MARK_REFUNDED = LedgerStatements.load("sql/refunds/mark-refunded.sql");
    private static final Statement PAYMENT_STATUS = LedgerStatements.load("sql/payments/lock-status.sql");
    private static final Statement REFUND_STATUS = LedgerStatements.load("sql/refunds/lock-status.sql");

    private final SettlementRules rules;

    ReportSettlement(SettlementRules rules) {
        this.rules = rules;
    }

    /**
     * Settles what the stored rows of the scope's reconciled periods and of {@code periodId} (being reconciled, its
     * rows already stored) show; {@code reportPk} is that period's report.
     */
    List<Booked> settle(Connection connection, PeriodScope scope, String periodId, long reportPk, OffsetDateTime now)
            throws SQLException {
        List<Booked> booked = new ArrayList<>(commits(connection, scope, periodId));
        booked.addAll(refunds(connection, scope, periodId, reportPk, now));
        return booked;
    }

    /** A RESERVED payment whose commit was claimed, and the report row that shows it PAID. */
    private record PaidAtSeqr(String orderId, String invoiceReference, BigDecimal reserved, String currency,
                              BigDecimal amount, String rowCurrency, String ersReference, long reportPk,
                              String periodId) {
    }

    /** A refund claim whose outcome is not known. */
    private record UnknownRefund(String refundId, String invoiceReference, BigDecimal amount, String currency,
                                 String seqrErsReference, SettlementRules.RefundClaim claim) {
    }

    /** A report row that shows a refund. */
    private record RefundRow(String ersReference, long reportPk, String periodId) {
    }

    private List<Booked> commits(Connection connection, PeriodScope scope, String periodId) throws SQLException {
        String terminal = scope.terminalFilter();
        List<PaidAtSeqr> paid = Jdbc.query(connection, PAID_AT_SEQR, row -> new PaidAtSeqr(row.getString("order_id"),
                row.getString("invoice_reference"), row.getBigDecimal("reserved_amount"),
                Jdbc.currency(row.getString("currency")), row.getBigDecimal("amount"),
                Jdbc.currency(row.getString("row_currency")), row.getString("ers_reference"), row.getLong("report_pk"),
                row.getString("transaction_period_id")), "scope", scope.name(), "terminal", terminal, "periodId", periodId);
        List<Booked> booked = new ArrayList<>();
        for (PaidAtSeqr row : paid) {
            if (!row.currency().equals(row.rowCurrency()) || !stillReserved(connection, row.orderId())) {
                continue; // another currency is a discrepancy for a person; a fulfilment just recorded it
            }
            String reason = "committed at SEQR (answer lost); settled from SEQR's report of period " + row.periodId();
            Jdbc.update(connection, MARK_PAID, "amount", row.amount(), "ersReference", row.ersReference(),
                    "reason", reason, "orderId", row.orderId());
            Jdbc.update(connection, PAID_HISTORY, "orderId", row.orderId(), "reason", reason);
            long capture = Jdbc.insertReturningId(connection, CAPTURE, "amount", row.amount(),
                    "ersReference", row.ersReference(), "reportPk", row.reportPk(), "orderId", row.orderId());
            if (row.reserved().compareTo(row.amount()) > 0) {
                Jdbc.update(connection, RELEASE, "amount", row.reserved().subtract(row.amount()),
                        "ersReference", row.ersReference(), "reportPk", row.reportPk(), "orderId", row.orderId());
            }
            booked.add(new Booked(capture, row.periodId()));
        }
        return booked;
    }

    private List<Booked> refunds(Connection connection, PeriodScope scope, String periodId, long reportPk,
                                 OffsetDateTime now) throws SQLException {
        String terminal = scope.terminalFilter();
        List<UnknownRefund> claims = Jdbc.query(connection, UNKNOWN_REFUNDS, row -> new UnknownRefund(
                row.getString("refund_id"), row.getString("invoice_reference"), row.getBigDecimal("amount"),
                Jdbc.currency(row.getString("currency")), row.getString("seqr_ers_reference"),
                new SettlementRules.RefundClaim(row.getObject("claimed_at", OffsetDateTime.class).toInstant(),
                        row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                        "OUTCOME_UNKNOWN".equals(row.getString("status")), row.getString("seqr_ers_reference") != null)),
                "terminal", terminal);
        if (claims.isEmpty()) {
            return List.of();
        }
        List<PeriodWindow.Mark> periods = Jdbc.query(connection, PERIODS_OF_SCOPE, row -> new PeriodWindow.Mark(
                row.getObject("claimed_at", OffsetDateTime.class).toInstant(),
                row.getObject("marked_at", OffsetDateTime.class).toInstant(),
                "RECONCILED".equals(row.getString("status")) || periodId.equals(row.getString("transaction_period_id"))),
                "scope", scope.name(), "terminal", terminal);
        List<Booked> booked = new ArrayList<>();
        for (UnknownRefund claim : claims) {
            // a claim that kept SEQR's reference of the refund is that refund and no other
            String known = claim.seqrErsReference() == null ? "" : claim.seqrErsReference();
            List<RefundRow> rows = Jdbc.query(connection, REFUND_ROW, row -> new RefundRow(row.getString(1),
                    row.getLong(2), row.getString(3)), "scope", scope.name(), "terminal", terminal,
                    "periodId", periodId, "invoiceReference", claim.invoiceReference(), "amount", claim.amount(),
                    "currency", claim.currency(), "ersReference", known);
            SettlementRules.RefundOutcome outcome = rules.refund(claim.claim(), !rows.isEmpty(), periods,
                    now.toInstant());
            if (outcome == SettlementRules.RefundOutcome.UNDECIDED || !stillUnknown(connection, claim.refundId())) {
                continue;
            }
            if (outcome == SettlementRules.RefundOutcome.NOT_MADE) {
                Jdbc.update(connection, REFUSE_REFUND,
                        "failure", "not made: SEQR's reports up to period " + periodId + " show no such refund",
                        "reportPk", reportPk, "refundId", claim.refundId());
                continue;
            }
            RefundRow row = rows.get(0);
            long entry = Jdbc.insertReturningId(connection, REFUND, "ersReference", row.ersReference(),
                    "reportPk", row.reportPk(), "refundId", claim.refundId());
            Jdbc.update(connection, MARK_REFUNDED, "ersReference", row.ersReference(), "reportPk", reportPk,
                    "refundId", claim.refundId());
            booked.add(new Booked(entry, row.periodId()));
        }
        return booked;
    }

    /** Locks the payment: a fulfilment committing it holds the same lock, and one that recorded it leaves it PAID. */
    private static boolean stillReserved(Connection connection, String orderId) throws SQLException {
        return Jdbc.query(connection, PAYMENT_STATUS, row -> row.getString(1), "orderId", orderId)
                .equals(List.of("RESERVED"));
    }

    private static boolean stillUnknown(Connection connection, String refundId) throws SQLException {
        List<String> status = Jdbc.query(connection, REFUND_STATUS, row -> row.getString(1), "refundId", refundId);
        return status.equals(List.of("CLAIMED")) || status.equals(List.of("OUTCOME_UNKNOWN"));
    }
}
