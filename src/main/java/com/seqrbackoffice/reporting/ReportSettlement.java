package com.seqrbackoffice.reporting;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

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

    private static final String ROWS_OF_SCOPE = """
            join transaction_periods tp on tp.transaction_period_id = r.transaction_period_id
            where tp.scope = ? and coalesce(tp.terminal_id, '') = ?
              and (tp.status = 'RECONCILED' or tp.transaction_period_id = ?)""";
    private static final String PAID_AT_SEQR = """
            select p.order_id, p.invoice_reference, p.reserved_amount, p.currency, r.amount, r.currency as row_currency,
                   r.ers_reference, r.report_pk, r.transaction_period_id
            from payments p
            join seqr_report_rows r on r.invoice_reference = p.invoice_reference and r.row_type = 'PAYMENT'
            """ + ROWS_OF_SCOPE + """
              and p.status = 'RESERVED' and p.fulfilment_message_id is not null
              and (? = '' or p.terminal_id = ?)
              -- SEQR gave a reversed payment back: the hold's end, not a capture (the hold sweep records it)
              and not exists (select 1 from seqr_report_rows v
                              where v.row_type = 'REVERSAL' and v.invoice_reference = p.invoice_reference)
            order by r.id""";
    private static final String UNKNOWN_REFUNDS = """
            select f.refund_id, f.order_id, f.message_id, f.amount, f.currency, f.status, f.seqr_ers_reference,
                   f.claimed_at, f.updated_at, p.invoice_reference
            from refunds f join payments p on p.order_id = f.order_id
            where f.status in ('CLAIMED', 'OUTCOME_UNKNOWN') and (? = '' or p.terminal_id = ?)
            order by f.claimed_at""";
    private static final String REFUND_ROW = """
            select r.ers_reference, r.report_pk, r.transaction_period_id
            from seqr_report_rows r
            """ + ROWS_OF_SCOPE + """
              and r.row_type = 'REFUND' and r.invoice_reference = ? and r.amount = ? and r.currency = ?
              and (? = '' or r.ers_reference = ?)
              and not exists (select 1 from ledger_entries e where e.entry_type = 'REFUND' and e.ers_reference = r.ers_reference)
            order by r.id""";
    private static final String PERIODS_OF_SCOPE = """
            select tp.transaction_period_id, pm.claimed_at, tp.marked_at, tp.status
            from transaction_periods tp join period_marks pm on pm.period_key = tp.period_key
            where tp.scope = ? and coalesce(tp.terminal_id, '') = ?""";

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
                row.getString("transaction_period_id")), scope.name(), terminal, periodId, terminal, terminal);
        List<Booked> booked = new ArrayList<>();
        for (PaidAtSeqr row : paid) {
            if (!row.currency().equals(row.rowCurrency()) || !stillReserved(connection, row.orderId())) {
                continue; // another currency is a discrepancy for a person; a fulfilment just recorded it
            }
            String reason = "committed at SEQR (answer lost); settled from SEQR's report of period " + row.periodId();
            Jdbc.update(connection, """
                    update payments set status = 'PAID', final_amount = ?, ers_reference = ?, reason = ?,
                        updated_at = CURRENT_TIMESTAMP where order_id = ?""",
                    row.amount(), row.ersReference(), reason, row.orderId());
            Jdbc.update(connection, """
                    insert into payment_status_history (order_id, status, seqr_version, reason, recorded_at)
                    values (?, 'PAID', null, ?, CURRENT_TIMESTAMP)""", row.orderId(), reason);
            long capture = Jdbc.insertReturningId(connection, """
                    insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,
                        invoice_reference, ers_reference, source_message_id, source_report_pk, recorded_at)
                    select order_id || ':CAPTURE', order_id, terminal_id, 'CAPTURE', ?, currency, invoice_reference, ?,
                        fulfilment_message_id, ?, CURRENT_TIMESTAMP
                    from payments where order_id = ?""", row.amount(), row.ersReference(), row.reportPk(), row.orderId());
            if (row.reserved().compareTo(row.amount()) > 0) {
                Jdbc.update(connection, """
                        insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,
                            invoice_reference, ers_reference, source_message_id, source_report_pk, recorded_at)
                        select order_id || ':RELEASE', order_id, terminal_id, 'RELEASE', ?, currency, invoice_reference,
                            ?, fulfilment_message_id, ?, CURRENT_TIMESTAMP
                        from payments where order_id = ?""",
                        row.reserved().subtract(row.amount()), row.ersReference(), row.reportPk(), row.orderId());
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
                terminal, terminal);
        if (claims.isEmpty()) {
            return List.of();
        }
        List<PeriodWindow.Mark> periods = Jdbc.query(connection, PERIODS_OF_SCOPE, row -> new PeriodWindow.Mark(
                row.getObject("claimed_at", OffsetDateTime.class).toInstant(),
                row.getObject("marked_at", OffsetDateTime.class).toInstant(),
                "RECONCILED".equals(row.getString("status")) || periodId.equals(row.getString("transaction_period_id"))),
                scope.name(), terminal);
        List<Booked> booked = new ArrayList<>();
        for (UnknownRefund claim : claims) {
            // a claim that kept SEQR's reference of the refund is that refund and no other
            String known = claim.seqrErsReference() == null ? "" : claim.seqrErsReference();
            List<RefundRow> rows = Jdbc.query(connection, REFUND_ROW, row -> new RefundRow(row.getString(1),
                    row.getLong(2), row.getString(3)), scope.name(), terminal, periodId, claim.invoiceReference(),
                    claim.amount(), claim.currency(), known, known);
            SettlementRules.RefundOutcome outcome = rules.refund(claim.claim(), !rows.isEmpty(), periods,
                    now.toInstant());
            if (outcome == SettlementRules.RefundOutcome.UNDECIDED || !stillUnknown(connection, claim.refundId())) {
                continue;
            }
            if (outcome == SettlementRules.RefundOutcome.NOT_MADE) {
                Jdbc.update(connection, """
                        update refunds set status = 'REFUSED', failure = ?, settled_report_pk = ?,
                            updated_at = CURRENT_TIMESTAMP where refund_id = ?""",
                        "not made: SEQR's reports up to period " + periodId + " show no such refund", reportPk,
                        claim.refundId());
                continue;
            }
            RefundRow row = rows.get(0);
            long entry = Jdbc.insertReturningId(connection, """
                    insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,
                        invoice_reference, ers_reference, refund_id, source_message_id, source_report_pk, recorded_at)
                    select p.order_id || ':REFUND:' || f.refund_id, p.order_id, p.terminal_id, 'REFUND', f.amount,
                        f.currency, p.invoice_reference, ?, f.refund_id, f.message_id, ?, CURRENT_TIMESTAMP
                    from refunds f join payments p on p.order_id = f.order_id where f.refund_id = ?""",
                    row.ersReference(), row.reportPk(), claim.refundId());
            Jdbc.update(connection, """
                    update refunds set status = 'REFUNDED', seqr_ers_reference = ?, settled_report_pk = ?,
                        updated_at = CURRENT_TIMESTAMP where refund_id = ?""", row.ersReference(), reportPk,
                    claim.refundId());
            booked.add(new Booked(entry, row.periodId()));
        }
        return booked;
    }

    /** Locks the payment: a fulfilment committing it holds the same lock, and one that recorded it leaves it PAID. */
    private static boolean stillReserved(Connection connection, String orderId) throws SQLException {
        return Jdbc.query(connection, "select status from payments where order_id = ? for update",
                row -> row.getString(1), orderId).equals(List.of("RESERVED"));
    }

    private static boolean stillUnknown(Connection connection, String refundId) throws SQLException {
        List<String> status = Jdbc.query(connection, "select status from refunds where refund_id = ? for update",
                row -> row.getString(1), refundId);
        return status.equals(List.of("CLAIMED")) || status.equals(List.of("OUTCOME_UNKNOWN"));
    }
}
