package com.seqrbackoffice.reporting;

/**
 * The scope of a SEQR transaction period: the whole shop, or one terminal (the till's own id).
 *
 * @param key the scope's key in {@code reconciliation_matches}: {@code SHOP} or {@code TERMINAL:<till>}
 */
record PeriodScope(String key, String terminalId) {

    static PeriodScope of(String scope, String terminalId) {
        return ReportingPlan.TERMINAL.equals(scope)
                ? new PeriodScope(ReportingPlan.TERMINAL + ":" + terminalId, terminalId)
                : new PeriodScope(ReportingPlan.SHOP, null);
    }

    /** SHOP or TERMINAL, as {@code transaction_periods.scope} has it. */
    String name() {
        return terminalId != null ? ReportingPlan.TERMINAL : ReportingPlan.SHOP;
    }

    /** The till for the queries' {@code (? = '' or terminal_id = ?)}: empty for the shop, which takes every till. */
    String terminalFilter() {
        return terminalId != null ? terminalId : "";
    }
}
