package com.seqrbackoffice.reporting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

import com.seqrbackoffice.payments.InvalidMessageException;

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

    /** REPORT_NOT_READY at this attempt ends the tries. */
    public boolean isLastAttempt(ReportRequest request) {
        return request.attempt() >= maxAttempts;
    }

    /** SEQR never finished the report: the request is dead-lettered with this reason. */
    public void giveUp(ReportRequest request) {
        throw new InvalidMessageException("REPORT_NOT_READY", "SEQR did not have report " + request.reportId()
                + " of period " + request.transactionPeriodId() + " ready after " + request.attempt() + " attempts");
    }
}
