package com.seqrbackoffice.reporting;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.seqrbackoffice.seqr.api.Report;

/**
 * Stores a SEQR report (raw and as rows) and reconciles it with the ledger, all in one ledger transaction: the
 * report, its rows, the result, its discrepancies, the per-terminal totals and the period's RECONCILED status
 * commit together or not at all.
 * <p>
 * <b>The ledger entries of a period.</b> SEQR's period holds the transactions of its scope after the previous
 * mark up to this one. The ledger side is every CAPTURE and REFUND entry of the same scope that no earlier
 * period of that scope has taken ({@code reconciliation_matches}) and that was recorded up to this period's
 * {@code marked_at}, plus entries recorded within {@code settle} after it that SEQR reports in this period. The
 * ledger records a capture a moment after SEQR made it, so a payment committed just before the mark is in
 * SEQR's period but in the ledger only after it: the settle window matches it here instead of reporting it
 * missing twice. Each entry is taken by one period per scope, so nothing is counted twice and nothing
 * unreconciled disappears (an entry SEQR never reports is a MISSING_AT_SEQR discrepancy of the period it falls
 * in).
 */
public final class Reconciliation {

    private static final String SHOP_CANDIDATES = """
            select e.id, e.order_id, e.terminal_id, e.entry_type, e.amount, e.currency, e.invoice_reference,
                   e.ers_reference, e.recorded_at
            from ledger_entries e
            where e.entry_type in ('CAPTURE', 'REFUND') and e.recorded_at <= ?
              and not exists (select 1 from reconciliation_matches m where m.scope_key = ? and m.ledger_entry_id = e.id)
            order by e.id""";
    private static final String TERMINAL_CANDIDATES = """
            select e.id, e.order_id, e.terminal_id, e.entry_type, e.amount, e.currency, e.invoice_reference,
                   e.ers_reference, e.recorded_at
            from ledger_entries e
            where e.entry_type in ('CAPTURE', 'REFUND') and e.recorded_at <= ? and e.terminal_id = ?
              and not exists (select 1 from reconciliation_matches m where m.scope_key = ? and m.ledger_entry_id = e.id)
            order by e.id""";

    private final DataSource dataSource;
    private final ReportParser parser;
    private final Duration settle;
    private final Clock clock;

    public Reconciliation(DataSource dataSource, ReportParser parser, Duration settle, Clock clock) {
        this.dataSource = dataSource;
        this.parser = parser;
        this.settle = settle;
        this.clock = clock;
    }

    /** Stores the report of the request's period and reconciles it; a period already reconciled is left as it is. */
    public ReconciliationSummary storeAndReconcile(ReportRequest request, Report report) {
        String xml = report.getContentString() != null ? report.getContentString()
                : new String(report.getContent(), java.nio.charset.StandardCharsets.UTF_8);
        List<ReportRow> seqrRows = parser.rows(xml);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!isReconciled(connection, request.transactionPeriodId())) {
                    reconcile(connection, request, report, xml, seqrRows);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            return summary(connection, request.transactionPeriodId());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reconcile period " + request.transactionPeriodId(), e);
        }
    }

    /** The summary of a reconciled period, as the ledger holds it (null if it is not reconciled yet). */
    public ReconciliationSummary summary(String transactionPeriodId) {
        try (Connection connection = dataSource.getConnection()) {
            return summary(connection, transactionPeriodId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the reconciliation of period " + transactionPeriodId, e);
        }
    }

    private void reconcile(Connection connection, ReportRequest request, Report report, String xml,
                           List<ReportRow> seqrRows) throws SQLException {
        String periodId = request.transactionPeriodId();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        long reportPk = insertReport(connection, request, report, xml, now);
        for (ReportRow row : seqrRows) {
            update(connection, """
                    insert into seqr_report_rows (report_pk, transaction_period_id, row_type, invoice_reference,
                        ers_reference, order_id, seqr_terminal_id, amount, currency, transaction_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    reportPk, periodId, row.type(), row.invoiceReference(), row.ersReference(), row.clientInvoiceId(),
                    row.seqrTerminalId(), row.amount(), row.currency(),
                    row.time() == null ? null : row.time().atOffset(ZoneOffset.UTC));
        }

        OffsetDateTime markedAt = markedAt(connection, periodId);
        String scopeKey = ReportingPlan.TERMINAL.equals(request.scope())
                ? ReportingPlan.TERMINAL + ":" + request.terminalId() : ReportingPlan.SHOP;
        List<LedgerEntry> candidates = candidates(connection, request, markedAt.plus(settle), scopeKey);
        Map<String, String> tills = tillsBySeqrTerminal(connection);

        Map<String, List<LedgerEntry>> byKey = new HashMap<>();
        candidates.forEach(entry -> byKey.computeIfAbsent(entry.matchKey(), k -> new ArrayList<>()).add(entry));
        List<ReconciliationSummary.Discrepancy> discrepancies = new ArrayList<>();
        List<LedgerEntry> taken = new ArrayList<>();
        Map<String, Boolean> matchedById = new LinkedHashMap<>();
        Map<String, Totals> terminals = new TreeMap<>();
        BigDecimal seqrTotal = BigDecimal.ZERO;

        for (ReportRow row : seqrRows) {
            String till = row.seqrTerminalId() == null ? "?" : tills.getOrDefault(row.seqrTerminalId(), row.seqrTerminalId());
            seqrTotal = seqrTotal.add(row.signedAmount());
            terminals.computeIfAbsent(till + "|" + row.currency(), k -> new Totals()).addSeqr(row.signedAmount());
            List<LedgerEntry> sameKey = byKey.getOrDefault(row.matchKey(), List.of());
            LedgerEntry entry = sameKey.isEmpty() ? null : sameKey.remove(0);
            if (entry == null) {
                discrepancies.add(new ReconciliationSummary.Discrepancy("MISSING_IN_LEDGER", row.invoiceReference(),
                        row.clientInvoiceId(), till, plain(row.amount()), null, row.currency(), row.type()));
                continue;
            }
            taken.add(entry);
            boolean sameAmount = entry.amount().compareTo(row.amount()) == 0 && entry.currency().equals(row.currency());
            matchedById.put(Long.toString(entry.id()), sameAmount);
            if (!sameAmount) {
                discrepancies.add(new ReconciliationSummary.Discrepancy("AMOUNT_MISMATCH", row.invoiceReference(),
                        entry.orderId(), entry.terminalId(), plain(row.amount()), plain(entry.amount()), row.currency(),
                        row.type()));
            }
        }
        for (LedgerEntry entry : candidates) {
            if (matchedById.containsKey(Long.toString(entry.id())) || entry.recordedAt().isAfter(markedAt)) {
                continue; // matched above, or recorded after the mark and left for the next period
            }
            taken.add(entry);
            matchedById.put(Long.toString(entry.id()), false);
            discrepancies.add(new ReconciliationSummary.Discrepancy("MISSING_AT_SEQR", entry.invoiceReference(),
                    entry.orderId(), entry.terminalId(), null, plain(entry.amount()), entry.currency(), entry.itemType()));
        }
        BigDecimal ledgerTotal = BigDecimal.ZERO;
        for (LedgerEntry entry : taken) {
            ledgerTotal = ledgerTotal.add(entry.signedAmount());
            terminals.computeIfAbsent(entry.terminalId() + "|" + entry.currency(), k -> new Totals())
                    .addLedger(entry.signedAmount());
        }

        long resultId = insertReturningId(connection, """
                insert into reconciliation_results (transaction_period_id, outcome, seqr_count, seqr_total,
                    ledger_count, ledger_total, discrepancy_count, reconciled_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                periodId, discrepancies.isEmpty() ? ReconciliationSummary.CLEAN : ReconciliationSummary.DISCREPANCIES,
                seqrRows.size(), seqrTotal, taken.size(), ledgerTotal, discrepancies.size(), now);
        for (ReconciliationSummary.Discrepancy d : discrepancies) {
            update(connection, """
                    insert into reconciliation_discrepancies (result_id, transaction_period_id, kind,
                        invoice_reference, order_id, terminal_id, seqr_amount, ledger_amount, currency, item_type,
                        detected_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    resultId, periodId, d.kind(), d.invoiceReference(), d.orderId(), d.terminalId(),
                    decimal(d.seqrAmount()), decimal(d.ledgerAmount()), d.currency(), d.itemType(), now);
        }
        for (Map.Entry<String, Totals> t : terminals.entrySet()) {
            String[] key = t.getKey().split("\\|", 2);
            Totals totals = t.getValue();
            update(connection, """
                    insert into reconciliation_terminal_totals (result_id, terminal_id, currency, seqr_count,
                        seqr_total, ledger_count, ledger_total)
                    values (?, ?, ?, ?, ?, ?, ?)""",
                    resultId, key[0], key[1], totals.seqrCount, totals.seqrTotal, totals.ledgerCount, totals.ledgerTotal);
        }
        for (Iterator<Map.Entry<String, Boolean>> it = matchedById.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Boolean> match = it.next();
            update(connection, """
                    insert into reconciliation_matches (scope_key, ledger_entry_id, transaction_period_id, matched)
                    values (?, ?, ?, ?)""", scopeKey, Long.parseLong(match.getKey()), periodId, match.getValue());
        }
        update(connection, "update transaction_periods set status = 'RECONCILED' where transaction_period_id = ?",
                periodId);
    }

    private static boolean isReconciled(Connection connection, String periodId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select 1 from reconciliation_results where transaction_period_id = ?")) {
            statement.setString(1, periodId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static long insertReport(Connection connection, ReportRequest request, Report report, String xml,
                                     OffsetDateTime now) throws SQLException {
        long id = insertReturningId(connection, """
                insert into seqr_reports (transaction_period_id, report_id, title, mime_type, content, fetched_at)
                values (?, ?, ?, ?, ?, ?)""",
                request.transactionPeriodId(), request.reportId(), report.getTitle(), report.getMimeType(), xml, now);
        update(connection, "update transaction_periods set status = 'REPORTED' where transaction_period_id = ?",
                request.transactionPeriodId());
        return id;
    }

    private static OffsetDateTime markedAt(Connection connection, String periodId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select marked_at from transaction_periods where transaction_period_id = ?")) {
            statement.setString(1, periodId);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("No transaction period " + periodId + " in the ledger");
                }
                return result.getObject(1, OffsetDateTime.class);
            }
        }
    }

    private static List<LedgerEntry> candidates(Connection connection, ReportRequest request, OffsetDateTime upTo,
                                                String scopeKey) throws SQLException {
        boolean terminal = ReportingPlan.TERMINAL.equals(request.scope());
        try (PreparedStatement statement = connection.prepareStatement(terminal ? TERMINAL_CANDIDATES : SHOP_CANDIDATES)) {
            statement.setObject(1, upTo);
            if (terminal) {
                statement.setString(2, request.terminalId());
                statement.setString(3, scopeKey);
            } else {
                statement.setString(2, scopeKey);
            }
            List<LedgerEntry> entries = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    entries.add(new LedgerEntry(result.getLong("id"), result.getString("order_id"),
                            result.getString("terminal_id"), result.getString("entry_type"),
                            result.getBigDecimal("amount"), result.getString("currency").trim(),
                            result.getString("invoice_reference"), result.getString("ers_reference"),
                            result.getObject("recorded_at", OffsetDateTime.class)));
                }
            }
            return entries;
        }
    }

    private static Map<String, String> tillsBySeqrTerminal(Connection connection) throws SQLException {
        Map<String, String> tills = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select terminal_id, seqr_terminal_id from terminals where seqr_terminal_id is not null");
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                tills.put(result.getString(2), result.getString(1));
            }
        }
        return tills;
    }

    private static ReconciliationSummary summary(Connection connection, String periodId) throws SQLException {
        String scope;
        String terminalId;
        try (PreparedStatement statement = connection.prepareStatement(
                "select scope, terminal_id from transaction_periods where transaction_period_id = ?")) {
            statement.setString(1, periodId);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                scope = result.getString(1);
                terminalId = result.getString(2);
            }
        }
        String reportId = null;
        try (PreparedStatement statement = connection.prepareStatement(
                "select report_id from seqr_reports where transaction_period_id = ? order by id")) {
            statement.setString(1, periodId);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next()) {
                    reportId = result.getString(1);
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                select id, outcome, seqr_count, seqr_total, ledger_count, ledger_total, reconciled_at
                from reconciliation_results where transaction_period_id = ?""")) {
            statement.setString(1, periodId);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                long resultId = result.getLong("id");
                return new ReconciliationSummary(periodId, scope, terminalId, reportId, result.getString("outcome"),
                        result.getInt("seqr_count"), plain(result.getBigDecimal("seqr_total")),
                        result.getInt("ledger_count"), plain(result.getBigDecimal("ledger_total")),
                        discrepancies(connection, resultId), terminalTotals(connection, resultId),
                        result.getObject("reconciled_at", OffsetDateTime.class).toInstant());
            }
        }
    }

    private static List<ReconciliationSummary.Discrepancy> discrepancies(Connection connection, long resultId)
            throws SQLException {
        List<ReconciliationSummary.Discrepancy> list = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select kind, invoice_reference, order_id, terminal_id, seqr_amount, ledger_amount, currency, item_type
                from reconciliation_discrepancies where result_id = ? order by id""")) {
            statement.setLong(1, resultId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String currency = result.getString("currency");
                    list.add(new ReconciliationSummary.Discrepancy(result.getString("kind"),
                            result.getString("invoice_reference"), result.getString("order_id"),
                            result.getString("terminal_id"), plain(result.getBigDecimal("seqr_amount")),
                            plain(result.getBigDecimal("ledger_amount")), currency == null ? null : currency.trim(),
                            result.getString("item_type")));
                }
            }
        }
        return list;
    }

    private static List<ReconciliationSummary.TerminalTotals> terminalTotals(Connection connection, long resultId)
            throws SQLException {
        List<ReconciliationSummary.TerminalTotals> list = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select terminal_id, currency, seqr_count, seqr_total, ledger_count, ledger_total
                from reconciliation_terminal_totals where result_id = ? order by terminal_id, currency""")) {
            statement.setLong(1, resultId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    list.add(new ReconciliationSummary.TerminalTotals(result.getString("terminal_id"),
                            result.getString("currency").trim(), result.getInt("seqr_count"),
                            plain(result.getBigDecimal("seqr_total")), result.getInt("ledger_count"),
                            plain(result.getBigDecimal("ledger_total"))));
                }
            }
        }
        return list;
    }

    private static long insertReturningId(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
            bind(statement, parameters);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("No id generated by: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value == null) {
                statement.setNull(i + 1, java.sql.Types.NULL);
            } else if (value instanceof String text) {
                statement.setString(i + 1, text);
            } else if (value instanceof BigDecimal decimal) {
                statement.setBigDecimal(i + 1, decimal);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(i + 1, flag);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null
                : value.setScale(Math.max(2, value.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY)
                        .toPlainString();
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private record LedgerEntry(long id, String orderId, String terminalId, String type, BigDecimal amount,
                               String currency, String invoiceReference, String ersReference,
                               OffsetDateTime recordedAt) {

        String matchKey() {
            return "CAPTURE".equals(type) ? "PAYMENT:" + invoiceReference : "REFUND:" + ersReference;
        }

        BigDecimal signedAmount() {
            return "CAPTURE".equals(type) ? amount : amount.negate();
        }

        /** What SEQR's report calls it: a capture is a PAYMENT row, a refund a REFUND row. */
        String itemType() {
            return "CAPTURE".equals(type) ? ReportRow.PAYMENT : ReportRow.REFUND;
        }
    }

    private static final class Totals {
        int seqrCount;
        BigDecimal seqrTotal = BigDecimal.ZERO;
        int ledgerCount;
        BigDecimal ledgerTotal = BigDecimal.ZERO;

        void addSeqr(BigDecimal amount) {
            seqrCount++;
            seqrTotal = seqrTotal.add(amount);
        }

        void addLedger(BigDecimal amount) {
            ledgerCount++;
            ledgerTotal = ledgerTotal.add(amount);
        }
    }
}
