package com.seqrbackoffice.reporting;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import com.seqrbackoffice.payments.Json;

/**
 * What {@code backoffice.reconciliation} receives for one reconciled period. Amounts are decimal strings (net:
 * payments minus refunds and reversals), as in every message of this product. A period with many discrepancies
 * lists the first ones ({@code reconciliation.summary-max-discrepancies}); {@code discrepancyCount} counts them
 * all, and the ledger holds every one.
 */
public record ReconciliationSummary(String transactionPeriodId, String scope, String terminalId, String reportId,
                                    String outcome, int seqrCount, String seqrTotal, int ledgerCount,
                                    String ledgerTotal, int discrepancyCount, List<Discrepancy> discrepancies,
                                    List<Settlement> settlements, List<TerminalTotals> terminals,
                                    Instant reconciledAt) {

    public static final String CLEAN = "CLEAN";
    public static final String DISCREPANCIES = "DISCREPANCIES";

    /**
     * A payment or refund that is missing on one side or has another amount there, or a report row that could not
     * be read ({@code MALFORMED_ROW}, with its {@code reason}); one missing at SEQR beside a mark whose answer never
     * came is {@code IN_UNREPORTED_PERIOD}, its {@code reason} naming that mark.
     *
     * @param itemType what it concerns, as SEQR's report rows name it: PAYMENT, REFUND or REVERSAL (null for a row
     *                 that could not be read)
     */
    public record Discrepancy(String kind, String invoiceReference, String orderId, String terminalId,
                              String seqrAmount, String ledgerAmount, String currency, String itemType,
                              String reason) {
    }

    /**
     * An unknown outcome this reconciliation settled from SEQR's report: {@code COMMIT_MADE} (a commit whose answer
     * was lost: the payment is now PAID with its capture), {@code REFUND_MADE} (a refund whose answer was lost, now
     * booked) or {@code REFUND_NOT_MADE} (SEQR's reports show no such refund: it is REFUSED, and a new refund id may
     * be sent).
     */
    public record Settlement(String kind, String orderId, String refundId, String invoiceReference,
                             String ersReference, String amount, String currency) {

        public static final String COMMIT_MADE = "COMMIT_MADE";
        public static final String REFUND_MADE = "REFUND_MADE";
        public static final String REFUND_NOT_MADE = "REFUND_NOT_MADE";

        /** The amount as a number, for the event that announces it. */
        @JsonIgnore
        public java.math.BigDecimal decimalAmount() {
            return new java.math.BigDecimal(amount);
        }
    }

    /** Count and net sum of one terminal in one currency, on both sides. */
    public record TerminalTotals(String terminalId, String currency, int seqrCount, String seqrTotal,
                                 int ledgerCount, String ledgerTotal) {
    }

    @JsonIgnore
    public String json() {
        return Json.write(this);
    }
}
