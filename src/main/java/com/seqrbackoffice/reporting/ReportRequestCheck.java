package com.seqrbackoffice.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import com.seqrbackoffice.ledger.LedgerStatements;
import com.seqrbackoffice.ledger.LedgerStatements.Statement;
import com.seqrbackoffice.payments.InvalidMessageException;

/**
 * Checks a report request against the ledger before it acts: the route fetches the named report of the named
 * SEQR period with the named terminal's id, stores it as that period's and reconciles the ledger against it. A
 * request that did not come from this app could pair a period with another terminal or report; it is refused as
 * bad input unless the period is in the ledger with the request's scope and terminal, SEQR's id of that terminal
 * and the report the plan names for the scope. Requests are rare (one per period and attempt, seconds apart), so
 * each is read from the ledger.
 */
public final class ReportRequestCheck {

    public static final String CODE = "FORGED_REPORT_REQUEST";

    /** A marked period as the ledger has it; {@code seqrTerminalId} is SEQR's id of its terminal (null for SHOP). */
    public record MarkedPeriod(String scope, String terminalId, String seqrTerminalId) {
    }

    private static final Statement PERIOD = LedgerStatements.load("sql/transaction-periods/period-with-terminal.sql");

    private final Function<String, Optional<MarkedPeriod>> ledger;
    private final ReportingPlan plan;

    public ReportRequestCheck(Function<String, Optional<MarkedPeriod>> ledger, ReportingPlan plan) {
        this.ledger = ledger;
        this.plan = plan;
    }

    /** The check on the ledger's {@code transaction_periods} and {@code terminals} tables. */
    public static ReportRequestCheck onLedger(DataSource dataSource, ReportingPlan plan) {
        return new ReportRequestCheck(periodId -> read(dataSource, periodId), plan);
    }

    /** Passes a request that matches its period; refuses any other with what does not match. */
    public void verify(ReportRequest request) {
        MarkedPeriod period = ledger.apply(request.transactionPeriodId()).orElseThrow(() -> new InvalidMessageException(CODE,
                "the report request names SEQR period " + request.transactionPeriodId() + ", which the ledger has not marked"));
        String mismatch = mismatch(period, request);
        if (mismatch != null) {
            throw new InvalidMessageException(CODE, "the report request of SEQR period " + request.transactionPeriodId()
                    + " does not match the period: " + mismatch);
        }
    }

    private String mismatch(MarkedPeriod period, ReportRequest request) {
        if (!Objects.equals(period.scope(), request.scope())) {
            return "scope " + request.scope() + ", the period's is " + period.scope();
        }
        if (!Objects.equals(period.terminalId(), request.terminalId())) {
            return "terminal " + request.terminalId() + ", the period's is " + period.terminalId();
        }
        if (!Objects.equals(period.seqrTerminalId(), request.seqrTerminalId())) {
            return "SEQR terminal " + request.seqrTerminalId() + ", the terminal's is " + period.seqrTerminalId();
        }
        if (!plan.reportIdFor(period.scope()).equals(request.reportId())) {
            return "report " + request.reportId() + ", the plan's for " + period.scope() + " is " + plan.reportIdFor(period.scope());
        }
        return null;
    }

    private static Optional<MarkedPeriod> read(DataSource dataSource, String transactionPeriodId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = PERIOD.prepare(connection, "periodId", transactionPeriodId)) {
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new MarkedPeriod(row.getString(1), row.getString(2), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read SEQR period " + transactionPeriodId + " from the ledger", e);
        }
    }
}
