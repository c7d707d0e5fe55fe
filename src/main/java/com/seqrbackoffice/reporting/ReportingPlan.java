package com.seqrbackoffice.reporting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

import com.seqrbackoffice.payments.InvalidMessageException;
import com.seqrbackoffice.seqr.api.Report;

/** What a reporting trigger fire turns into: the period's claim key and the report to fetch for it. */
public final class ReportingPlan {

    public static final String SHOP = "SHOP";
    public static final String TERMINAL = "TERMINAL";

    private final String shopReportId;
    private final String terminalReportId;
    private final int maxAttempts;

    public ReportingPlan(String shopReportId, String terminalReportId, int maxAttempts) {
        this.shopReportId = shopReportId;
        this.terminalReportId = terminalReportId;
        this.maxAttempts = maxAttempts;
    }

    /**
     * The claim key of one period: scope, terminal and the trigger's scheduled fire time. A second fire for the
     * same schedule (a misfire handled twice, a restart, another instance) has the same key.
     */
    public String periodKey(String scope, String terminalId, Date scheduledFireTime) {
        Instant scheduled = scheduledFireTime.toInstant();
        return TERMINAL.equals(scope) ? TERMINAL + ":" + terminalId + ":" + scheduled : SHOP + ":" + scheduled;
    }

    public ReportRequest firstRequest(String transactionPeriodId, String scope, String terminalId,
                                      String seqrTerminalId) {
        return new ReportRequest(transactionPeriodId, scope, terminalId, seqrTerminalId, reportIdFor(scope), 1);
    }

    /** The SEQR report fetched for a period of the scope. */
    public String reportIdFor(String scope) {
        return TERMINAL.equals(scope) ? terminalReportId : shopReportId;
    }

    /** The trigger's fire time as JDBC drivers take it. */
    public OffsetDateTime instant(Date scheduledFireTime) {
        return scheduledFireTime.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** What the reconciliation flow does after an executeReport attempt. */
    public enum FetchOutcome {
        /** SEQR gave the report: store and reconcile it. */
        RECONCILE,
        /** Not fetched (not ready, a timeout, SEQR unreachable): another attempt, a few seconds later. */
        ASK_AGAIN,
        /** Not fetched at the last attempt: the request is dead-lettered ({@link #giveUp}). */
        GIVE_UP
    }

    /** @param report what executeReport gave at the request's attempt, or null if it gave nothing */
    public FetchOutcome afterFetch(ReportRequest request, Report report) {
        if (report != null) {
            return FetchOutcome.RECONCILE;
        }
        return request.attempt() >= maxAttempts ? FetchOutcome.GIVE_UP : FetchOutcome.ASK_AGAIN;
    }

    /** SEQR never gave the report: the request is dead-lettered with this reason (the last attempt's failure). */
    public void giveUp(ReportRequest request, String lastFailure) {
        throw new InvalidMessageException("REPORT_NOT_READY", "SEQR did not give report " + request.reportId()
                + " of period " + request.transactionPeriodId() + " in " + request.attempt() + " attempts; the last: "
                + lastFailure);
    }
}
