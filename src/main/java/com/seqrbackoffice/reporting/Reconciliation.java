package com.seqrbackoffice.reporting;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

import javax.sql.DataSource;

import com.seqrbackoffice.ledger.LedgerStatements;
import com.seqrbackoffice.ledger.LedgerStatements.Statement;
import com.seqrbackoffice.reporting.ReportParser.MalformedRow;
import com.seqrbackoffice.reporting.ReportParser.ReportContent;
import com.seqrbackoffice.seqr.api.Report;

/**
 * Stores a SEQR report (raw and as rows) and reconciles it with the ledger, all in one ledger transaction: the
 * report, its rows, what it settles, the result, its discrepancies, the per-terminal totals and the period's
 * RECONCILED status commit together or not at all. Rows and matches go to the database in batches, so a shop's
 * report of 100,000 rows is one transaction of a few hundred round trips.
 * <p>
 * <b>The ledger entries of a period.</b> SEQR's period holds the transactions of its scope after the previous mark
 * up to this one. The ledger side is the CAPTURE and REFUND entries of the same scope that no period of that scope
 * has taken yet ({@code reconciliation_matches}) and that were recorded where this period may answer for them
 * ({@link PeriodWindow}): SEQR made a payment a moment before the ledger recorded it, so one committed just before
 * the mark is in SEQR's period but in the ledger just after it, and a commit recorded in a transaction that began
 * before its SEQR call bears a time before SEQR's. An entry SEQR's report does not show is MISSING_AT_SEQR
 * here only if it cannot be a neighbouring period's, or that neighbour is already reconciled without it. An entry
 * recorded long after SEQR made it (after a crash or an outage, or booked from a report) is matched to the period
 * whose report shows it: this one's wherever the ledger recorded it, or a reconciled one that showed it before the
 * ledger had it. So periods reconciled in any order take each entry once and raise no false
 * discrepancy, and an entry SEQR never reports stays visible as MISSING_AT_SEQR of the period it falls in.
 * <p>
 * Before matching, {@link ReportSettlement} books what the scope's reports show of commits and refunds whose outcome
 * the ledger does not know.
 */
public final class Reconciliation {

    private static final Statement CANDIDATES = LedgerStatements.load("sql/reconciliation/candidate-entries.sql");
    private static final Statement LATE_ENTRY = LedgerStatements.load("sql/reconciliation/late-entry.sql");
    private static final Statement REPORTED_ELSEWHERE = LedgerStatements.load("sql/reconciliation/reported-elsewhere.sql");
    private static final Statement PERIOD_MARK = LedgerStatements.load("sql/reconciliation/period-mark.sql");
    private static final Statement OTHER_MARKS = LedgerStatements.load("sql/reconciliation/other-marks.sql");
    private static final Statement UNANSWERED_MARKS = LedgerStatements.load("sql/reconciliation/unanswered-marks.sql");
    private static final Statement IS_RECONCILED = LedgerStatements.load("sql/reconciliation/is-reconciled.sql");
    private static final Statement INSERT_REPORT = LedgerStatements.load("sql/reconciliation/insert-report.sql");
    private static final Statement INSERT_REPORT_ROW = LedgerStatements.load("sql/reconciliation/insert-report-row.sql");
    private static final Statement INSERT_RESULT = LedgerStatements.load("sql/reconciliation/insert-result.sql");
    private static final Statement INSERT_DISCREPANCY = LedgerStatements.load("sql/reconciliation/insert-discrepancy.sql");
    private static final Statement INSERT_TERMINAL_TOTALS =
            LedgerStatements.load("sql/reconciliation/insert-terminal-totals.sql");
    private static final Statement INSERT_MATCH = LedgerStatements.load("sql/reconciliation/insert-match.sql");
    private static final Statement RESULT = LedgerStatements.load("sql/reconciliation/result.sql");
    private static final Statement DISCREPANCIES = LedgerStatements.load("sql/reconciliation/discrepancies-of-result.sql");
    private static final Statement TERMINAL_TOTALS =
            LedgerStatements.load("sql/reconciliation/terminal-totals-of-result.sql");
    private static final Statement REPORT_OF_PERIOD = LedgerStatements.load("sql/reconciliation/report-of-period.sql");
    private static final Statement SETTLED_CAPTURES =
            LedgerStatements.load("sql/reconciliation/captures-settled-by-report.sql");
    private static final Statement SETTLED_REFUNDS =
            LedgerStatements.load("sql/reconciliation/refunds-settled-by-report.sql");
    private static final Statement MARK_REPORTED = LedgerStatements.load("sql/transaction-periods/mark-reported.sql");
    private static final Statement MARK_RECONCILED = LedgerStatements.load("sql/transaction-periods/mark-reconciled.sql");
    private static final Statement SCOPE_OF_PERIOD = LedgerStatements.load("sql/transaction-periods/scope-of-period.sql");
    private static final Statement SEQR_TERMINAL_IDS = LedgerStatements.load("sql/terminals/seqr-terminal-ids.sql");
    private static final OffsetDateTime BEFORE_ANY_ENTRY = Instant.EPOCH.atOffset(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final ReportParser parser;
    private final Duration settle;
    private final Duration markCallLimit;
    private final int maxDiscrepanciesListed;
    private final ReportSettlement settlement;
    private final Clock clock;

    /**
     * @param settle                 how far from a mark the ledger's time of an entry SEQR made on its other side
     *                               may be
     *                               (reconciliation.settle-seconds)
     * @param markCallLimit          the longest a markTransactionPeriod call takes (its connect and receive timeouts)
     * @param maxDiscrepanciesListed discrepancies a summary lists (reconciliation.summary-max-discrepancies)
     * @param settlementRules        when a report settles a refund whose outcome is unknown
     */
    public Reconciliation(DataSource dataSource, ReportParser parser, Duration settle, Duration markCallLimit,
                          int maxDiscrepanciesListed, SettlementRules settlementRules, Clock clock) {
        this.dataSource = dataSource;
        this.parser = parser;
        this.settle = settle;
        this.markCallLimit = markCallLimit;
        this.maxDiscrepanciesListed = maxDiscrepanciesListed;
        this.settlement = new ReportSettlement(settlementRules);
        this.clock = clock;
    }

    /** Stores the report of the request's period and reconciles it; a period already reconciled is left as it is. */
    public ReconciliationSummary storeAndReconcile(ReportRequest request, Report report) {
        String xml = report.getContentString() != null ? report.getContentString()
                : new String(report.getContent(), StandardCharsets.UTF_8);
        ReportContent content = parser.read(xml);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!isReconciled(connection, request.transactionPeriodId())) {
                    reconcile(connection, request, report, xml, content);
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
                           ReportContent content) throws SQLException {
        String periodId = request.transactionPeriodId();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<ReportRow> seqrRows = content.rows();
        long reportPk = insertReport(connection, request, report, xml, now);
        Jdbc.batch(connection, INSERT_REPORT_ROW, seqrRows, row -> new Object[] {"reportPk", reportPk,
                "periodId", periodId, "rowType", row.type(), "invoiceReference", row.invoiceReference(),
                "ersReference", row.ersReference(), "orderId", row.clientInvoiceId(),
                "seqrTerminalId", row.seqrTerminalId(), "amount", row.amount(), "currency", row.currency(),
                "transactionAt", row.time() == null ? null : row.time().atOffset(ZoneOffset.UTC)});

        PeriodScope scope = PeriodScope.of(request.scope(), request.terminalId());
        PeriodWindow window = window(connection, periodId, scope);
        List<LedgerEntry> candidates = candidates(connection, scope, window);
        Map<Long, String> takenElsewhere = new LinkedHashMap<>();
        for (ReportSettlement.Booked booked : settlement.settle(connection, scope, periodId, reportPk, now)) {
            if (!booked.rowPeriodId().equals(periodId)) {
                takenElsewhere.put(booked.entryId(), booked.rowPeriodId()); // this period's are matched as late entries
            }
        }
        Map<String, String> tills = tillsBySeqrTerminal(connection);

        Map<String, List<LedgerEntry>> byKey = new HashMap<>();
        candidates.forEach(entry -> byKey.computeIfAbsent(entry.matchKey(), k -> new ArrayList<>()).add(entry));
        List<ReconciliationSummary.Discrepancy> discrepancies = new ArrayList<>();
        List<LedgerEntry> taken = new ArrayList<>();
        Map<Long, Boolean> matchedById = new LinkedHashMap<>();
        Map<String, Totals> terminals = new TreeMap<>();
        BigDecimal seqrTotal = BigDecimal.ZERO;

        for (ReportRow row : seqrRows) {
            String till = till(tills, row.seqrTerminalId());
            seqrTotal = seqrTotal.add(row.signedAmount());
            terminals.computeIfAbsent(till + "|" + row.currency(), k -> new Totals()).addSeqr(row.signedAmount());
            List<LedgerEntry> sameKey = byKey.getOrDefault(row.matchKey(), List.of());
            LedgerEntry entry = !sameKey.isEmpty() ? sameKey.remove(0)
                    : lateEntry(connection, row, scope, id -> matchedById.containsKey(id) || takenElsewhere.containsKey(id));
            if (entry == null) {
                discrepancies.add(new ReconciliationSummary.Discrepancy("MISSING_IN_LEDGER", row.invoiceReference(),
                        row.clientInvoiceId(), till, plain(row.amount()), null, row.currency(), row.type(), null));
                continue;
            }
            taken.add(entry);
            boolean sameAmount = entry.amount().compareTo(row.amount()) == 0 && entry.currency().equals(row.currency());
            matchedById.put(entry.id(), sameAmount);
            if (!sameAmount) {
                discrepancies.add(new ReconciliationSummary.Discrepancy("AMOUNT_MISMATCH", row.invoiceReference(),
                        entry.orderId(), entry.terminalId(), plain(row.amount()), plain(entry.amount()), row.currency(),
                        row.type(), null));
            }
        }
        for (LedgerEntry entry : candidates) {
            if (matchedById.containsKey(entry.id())) {
                continue;
            }
            String reportedIn = reportedElsewhere(connection, entry, scope, periodId);
            if (reportedIn != null) {
                takenElsewhere.put(entry.id(), reportedIn); // recorded late: the period whose report showed it
            } else if (window.missingHere(entry.recordedAt().toInstant())) {
                taken.add(entry);
                matchedById.put(entry.id(), false);
                PeriodWindow.Unanswered lost = window.unansweredMarkThatMayHold(entry.recordedAt().toInstant());
                discrepancies.add(new ReconciliationSummary.Discrepancy(
                        lost == null ? "MISSING_AT_SEQR" : "IN_UNREPORTED_PERIOD", entry.invoiceReference(),
                        entry.orderId(), entry.terminalId(), null, plain(entry.amount()), entry.currency(), entry.itemType(),
                        lost == null ? null : "SEQR's answer to the mark of " + lost.periodKey() + " (claimed "
                                + lost.claimedAt() + ") never reached the ledger: SEQR may hold this in the period it"
                                + " cut then, whose report cannot be asked for"));
            }
            // otherwise a neighbouring period may have it: left for that one's reconciliation
        }
        for (MalformedRow row : content.malformed()) {
            discrepancies.add(new ReconciliationSummary.Discrepancy("MALFORMED_ROW", row.invoiceReference(),
                    row.clientInvoiceId(), row.seqrTerminalId() == null ? null : till(tills, row.seqrTerminalId()),
                    null, null, null, null, row.reason()));
        }
        BigDecimal ledgerTotal = BigDecimal.ZERO;
        for (LedgerEntry entry : taken) {
            ledgerTotal = ledgerTotal.add(entry.signedAmount());
            terminals.computeIfAbsent(entry.terminalId() + "|" + entry.currency(), k -> new Totals())
                    .addLedger(entry.signedAmount());
        }

        long resultId = Jdbc.insertReturningId(connection, INSERT_RESULT, "periodId", periodId,
                "outcome", discrepancies.isEmpty() ? ReconciliationSummary.CLEAN : ReconciliationSummary.DISCREPANCIES,
                "seqrCount", seqrRows.size(), "seqrTotal", seqrTotal, "ledgerCount", taken.size(),
                "ledgerTotal", ledgerTotal, "discrepancyCount", discrepancies.size(), "reconciledAt", now);
        Jdbc.batch(connection, INSERT_DISCREPANCY, discrepancies, d -> new Object[] {"resultId", resultId,
                "periodId", periodId, "kind", d.kind(), "invoiceReference", d.invoiceReference(),
                "orderId", d.orderId(), "terminalId", d.terminalId(), "seqrAmount", decimal(d.seqrAmount()),
                "ledgerAmount", decimal(d.ledgerAmount()), "currency", d.currency(), "itemType", d.itemType(),
                "reason", d.reason(), "detectedAt", now});
        Jdbc.batch(connection, INSERT_TERMINAL_TOTALS, new ArrayList<>(terminals.entrySet()), t -> {
                    String[] key = t.getKey().split("\\|", 2);
                    Totals totals = t.getValue();
                    return new Object[] {"resultId", resultId, "terminalId", key[0], "currency", key[1],
                            "seqrCount", totals.seqrCount, "seqrTotal", totals.seqrTotal,
                            "ledgerCount", totals.ledgerCount, "ledgerTotal", totals.ledgerTotal};
                });
        Jdbc.batch(connection, INSERT_MATCH, new ArrayList<>(matchedById.entrySet()), match -> new Object[] {
                "scopeKey", scope.key(), "entryId", match.getKey(), "periodId", periodId, "matched", match.getValue()});
        Jdbc.batch(connection, INSERT_MATCH, new ArrayList<>(takenElsewhere.entrySet()), match -> new Object[] {
                "scopeKey", scope.key(), "entryId", match.getKey(), "periodId", match.getValue(), "matched", true});
        Jdbc.update(connection, MARK_RECONCILED, "periodId", periodId);
    }

    /** This period's mark and its neighbours' in the scope, as the ledger recorded them. */
    private PeriodWindow window(Connection connection, String periodId, PeriodScope scope) throws SQLException {
        List<PeriodWindow.Mark> current = Jdbc.query(connection, PERIOD_MARK, Reconciliation::mark, "periodId", periodId);
        if (current.isEmpty()) {
            throw new IllegalStateException("No transaction period " + periodId + " in the ledger");
        }
        Instant markedAt = current.get(0).markedAt();
        PeriodWindow.Mark previous = null;
        PeriodWindow.Mark next = null;
        // earliest first: the previous is the last marked before this one, the next the first marked after it
        // (a period marked at the same moment is neither)
        for (PeriodWindow.Mark other : Jdbc.query(connection, OTHER_MARKS, Reconciliation::mark,
                "scope", scope.name(), "terminal", scope.terminalFilter(), "periodId", periodId)) {
            if (other.markedAt().isBefore(markedAt)) {
                previous = other;
            } else if (next == null && other.markedAt().isAfter(markedAt)) {
                next = other;
            }
        }
        PeriodWindow.Mark mark = current.get(0);
        PeriodWindow.Unanswered unansweredBefore = null;
        PeriodWindow.Unanswered unansweredAfter = null;
        for (PeriodWindow.Unanswered unanswered : Jdbc.query(connection, UNANSWERED_MARKS, this::unanswered,
                "scope", scope.name(), "terminal", scope.terminalFilter())) {
            Instant claimed = unanswered.claimedAt();
            if (claimed.isBefore(mark.claimedAt()) && (previous == null || claimed.isAfter(previous.claimedAt()))) {
                unansweredBefore = unanswered;
            } else if (unansweredAfter == null && claimed.isAfter(mark.claimedAt())
                    && (next == null || claimed.isBefore(next.claimedAt()))) {
                unansweredAfter = unanswered;
            }
        }
        return new PeriodWindow(previous, mark, next != null && next.reconciled(), settle, unansweredBefore,
                unansweredAfter);
    }

    private PeriodWindow.Unanswered unanswered(ResultSet row) throws SQLException {
        Instant claimed = row.getObject("claimed_at", OffsetDateTime.class).toInstant();
        return new PeriodWindow.Unanswered(row.getString("period_key"), claimed, claimed.plus(markCallLimit));
    }

    private static PeriodWindow.Mark mark(ResultSet row) throws SQLException {
        return new PeriodWindow.Mark(row.getObject("claimed_at", OffsetDateTime.class).toInstant(),
                row.getObject("marked_at", OffsetDateTime.class).toInstant(), "RECONCILED".equals(row.getString("status")));
    }

    private static List<LedgerEntry> candidates(Connection connection, PeriodScope scope, PeriodWindow window)
            throws SQLException {
        String terminal = scope.terminalFilter();
        return Jdbc.query(connection, CANDIDATES, Reconciliation::entry,
                "from", window.from() == null ? BEFORE_ANY_ENTRY : window.from().atOffset(ZoneOffset.UTC),
                "to", window.to().atOffset(ZoneOffset.UTC), "terminal", terminal, "scopeKey", scope.key());
    }

    /**
     * The ledger's entry for a row of this period's report that no period of the scope has taken, however long after
     * the period the ledger recorded it (a fulfilment redelivered after an outage, a capture booked from a report):
     * SEQR's report says which period it belongs to. {@code takenHere} tells the entries this reconciliation has
     * already placed. Null if the ledger has none.
     */
    private static LedgerEntry lateEntry(Connection connection, ReportRow row, PeriodScope scope,
                                         LongPredicate takenHere) throws SQLException {
        String entryType = ReportRow.PAYMENT.equals(row.type()) ? "CAPTURE"
                : ReportRow.REFUND.equals(row.type()) ? "REFUND" : null;
        if (entryType == null) {
            return null; // a reversal has no entry of its own
        }
        String terminal = scope.terminalFilter();
        return Jdbc.query(connection, LATE_ENTRY, Reconciliation::entry, "invoiceReference", row.invoiceReference(),
                "entryType", entryType, "ersReference", row.ersReference(), "terminal", terminal,
                "scopeKey", scope.key()).stream()
                .filter(entry -> !takenHere.test(entry.id())).findFirst().orElse(null);
    }

    private static LedgerEntry entry(ResultSet row) throws SQLException {
        return new LedgerEntry(row.getLong("id"), row.getString("order_id"), row.getString("terminal_id"),
                row.getString("entry_type"), row.getBigDecimal("amount"), Jdbc.currency(row.getString("currency")),
                row.getString("invoice_reference"), row.getString("ers_reference"),
                row.getObject("recorded_at", OffsetDateTime.class));
    }

    /** The reconciled period of the scope whose report has the entry's transaction, or null. */
    private static String reportedElsewhere(Connection connection, LedgerEntry entry, PeriodScope scope, String periodId)
            throws SQLException {
        List<String> periods = Jdbc.query(connection, REPORTED_ELSEWHERE, row -> row.getString(1),
                "rowType", "CAPTURE".equals(entry.type()) ? ReportRow.PAYMENT : ReportRow.REFUND,
                "invoiceReference", entry.invoiceReference(), "ersReference", entry.ersReference(),
                "scope", scope.name(), "terminal", scope.terminalFilter(), "periodId", periodId);
        return periods.isEmpty() ? null : periods.get(0);
    }

    private static boolean isReconciled(Connection connection, String periodId) throws SQLException {
        return !Jdbc.query(connection, IS_RECONCILED, row -> row.getInt(1), "periodId", periodId).isEmpty();
    }

    /** The raw report, streamed into its large object column. */
    private static long insertReport(Connection connection, ReportRequest request, Report report, String xml,
                                     OffsetDateTime now) throws SQLException {
        long id;
        try (PreparedStatement statement = connection.prepareStatement(INSERT_REPORT.sql(), new String[] {"id"})) {
            Jdbc.bind(statement, INSERT_REPORT.arguments("periodId", request.transactionPeriodId(),
                    "reportId", request.reportId(), "title", report.getTitle(), "mimeType", report.getMimeType(),
                    "content", null, "fetchedAt", now));
            statement.setCharacterStream(INSERT_REPORT.parameters().indexOf("content") + 1, new StringReader(xml),
                    xml.length());
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        Jdbc.update(connection, MARK_REPORTED, "periodId", request.transactionPeriodId());
        return id;
    }

    private static Map<String, String> tillsBySeqrTerminal(Connection connection) throws SQLException {
        Map<String, String> tills = new HashMap<>();
        for (String[] pair : Jdbc.query(connection, SEQR_TERMINAL_IDS,
                row -> new String[] {row.getString(1), row.getString(2)})) {
            tills.put(pair[1], pair[0]);
        }
        return tills;
    }

    private static String till(Map<String, String> tills, String seqrTerminalId) {
        return seqrTerminalId == null ? "?" : tills.getOrDefault(seqrTerminalId, seqrTerminalId);
    }

    private ReconciliationSummary summary(Connection connection, String periodId) throws SQLException {
        List<String[]> period = Jdbc.query(connection, SCOPE_OF_PERIOD,
                row -> new String[] {row.getString(1), row.getString(2)}, "periodId", periodId);
        if (period.isEmpty()) {
            return null;
        }
        List<Object[]> report = Jdbc.query(connection, REPORT_OF_PERIOD,
                row -> new Object[] {row.getLong(1), row.getString(2)}, "periodId", periodId);
        long reportPk = report.isEmpty() ? -1 : (Long) report.get(0)[0];
        String reportId = report.isEmpty() ? null : (String) report.get(0)[1];
        try (PreparedStatement statement = RESULT.prepare(connection, "periodId", periodId)) {
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                long resultId = result.getLong("id");
                return new ReconciliationSummary(periodId, period.get(0)[0], period.get(0)[1], reportId,
                        result.getString("outcome"), result.getInt("seqr_count"), plain(result.getBigDecimal("seqr_total")),
                        result.getInt("ledger_count"), plain(result.getBigDecimal("ledger_total")),
                        result.getInt("discrepancy_count"), discrepancies(connection, resultId),
                        settlements(connection, reportPk), terminalTotals(connection, resultId),
                        result.getObject("reconciled_at", OffsetDateTime.class).toInstant());
            }
        }
    }

    private List<ReconciliationSummary.Discrepancy> discrepancies(Connection connection, long resultId)
            throws SQLException {
        try (PreparedStatement statement = DISCREPANCIES.prepare(connection, "resultId", resultId)) {
            statement.setMaxRows(maxDiscrepanciesListed);
            List<ReconciliationSummary.Discrepancy> list = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    list.add(new ReconciliationSummary.Discrepancy(result.getString("kind"),
                            result.getString("invoice_reference"), result.getString("order_id"),
                            result.getString("terminal_id"), plain(result.getBigDecimal("seqr_amount")),
                            plain(result.getBigDecimal("ledger_amount")), Jdbc.currency(result.getString("currency")),
                            result.getString("item_type"), result.getString("reason")));
                }
            }
            return list;
        }
    }

    /** What the reconciliation of this report settled: the captures it booked and the refunds it decided. */
    private static List<ReconciliationSummary.Settlement> settlements(Connection connection, long reportPk)
            throws SQLException {
        List<ReconciliationSummary.Settlement> list = new ArrayList<>(Jdbc.query(connection, SETTLED_CAPTURES,
                row -> new ReconciliationSummary.Settlement(ReconciliationSummary.Settlement.COMMIT_MADE,
                        row.getString(1), null, row.getString(2), row.getString(3), plain(row.getBigDecimal(4)),
                        Jdbc.currency(row.getString(5))), "reportPk", reportPk));
        list.addAll(Jdbc.query(connection, SETTLED_REFUNDS,
                row -> new ReconciliationSummary.Settlement("REFUNDED".equals(row.getString(1))
                        ? ReconciliationSummary.Settlement.REFUND_MADE : ReconciliationSummary.Settlement.REFUND_NOT_MADE,
                        row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                        plain(row.getBigDecimal(6)), Jdbc.currency(row.getString(7))), "reportPk", reportPk));
        return list;
    }

    private static List<ReconciliationSummary.TerminalTotals> terminalTotals(Connection connection, long resultId)
            throws SQLException {
        return Jdbc.query(connection, TERMINAL_TOTALS,
                row -> new ReconciliationSummary.TerminalTotals(row.getString("terminal_id"),
                        Jdbc.currency(row.getString("currency")), row.getInt("seqr_count"),
                        plain(row.getBigDecimal("seqr_total")), row.getInt("ledger_count"),
                        plain(row.getBigDecimal("ledger_total"))), "resultId", resultId);
    }

    private static String plain(BigDecimal value) {
        return value == null ? null
                : value.setScale(Math.max(2, value.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
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
