package com.seqrbackoffice.seqr.emulator;

import java.util.Map;

/**
 * A snapshot of the emulator's counters; the JSON of {@code GET /emulator/admin/counters}.
 *
 * @param calls       SOAP calls per operation, whatever their outcome (faulted and refused ones included)
 * @param commits     commitReservation calls per invoiceReference, whatever their outcome: an "exactly once"
 *                    test expects 1
 * @param cancels     cancelInvoice calls per invoiceReference
 * @param refunds     refundPayment calls per invoiceReference of the refunded payment
 * @param accepted    the calls of commits/cancels/refunds that were answered with resultCode 0
 * @param invoices    invoices per current status
 * @param reversals   payments SEQR reversed because their status was not polled in time (20-second rule)
 * @param expirations reservations that expired before a commit
 */
public record EmulatorCounters(Map<String, Long> calls, Map<String, Long> commits, Map<String, Long> cancels,
                               Map<String, Long> refunds, Accepted accepted, Map<String, Long> invoices,
                               long reversals, long expirations) {

    public record Accepted(Map<String, Long> commits, Map<String, Long> cancels, Map<String, Long> refunds) {
    }

    public long calls(String operation) {
        return calls.getOrDefault(operation, 0L);
    }

    public long commits(String invoiceReference) {
        return commits.getOrDefault(invoiceReference, 0L);
    }

    public long cancels(String invoiceReference) {
        return cancels.getOrDefault(invoiceReference, 0L);
    }

    public long refunds(String invoiceReference) {
        return refunds.getOrDefault(invoiceReference, 0L);
    }

    public long invoices(String status) {
        return invoices.getOrDefault(status, 0L);
    }
}
