package com.seqrbackoffice.reporting;

import com.seqrbackoffice.payments.Json;

/**
 * One pending executeReport call, as a message on the report-requests queue delivered when it is due: SEQR builds
 * reports asynchronously and answers REPORT_NOT_READY until then, so each retry is a scheduled broker message
 * rather than a thread that sleeps. The attempt number makes the broker duplicate id of each retry.
 *
 * @param terminalId     the till's id for a TERMINAL period, null for the SHOP
 * @param seqrTerminalId SEQR's id of that terminal, which executeReport needs
 */
public record ReportRequest(String transactionPeriodId, String scope, String terminalId, String seqrTerminalId,
                            String reportId, int attempt) {

    public ReportRequest next() {
        return new ReportRequest(transactionPeriodId, scope, terminalId, seqrTerminalId, reportId, attempt + 1);
    }

    public String duplicateId() {
        return "report:" + transactionPeriodId + ":" + attempt;
    }

    public String json() {
        return Json.write(this);
    }

    public static ReportRequest fromJson(String json) {
        return Json.read(json, ReportRequest.class);
    }
}
