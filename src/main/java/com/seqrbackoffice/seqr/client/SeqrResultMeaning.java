package com.seqrbackoffice.seqr.client;

import java.util.Map;

/**
 * What a result code means for the operation that answered it. Mostly the code alone decides
 * ({@link SeqrResultCode#isTransient()}); two operations read a code otherwise:
 * <ul>
 *   <li>90 SYSTEM_ERROR on refundPayment: SEQR failed somewhere inside the refund, which may have been made. A
 *       refund cannot be looked up and SEQR does no idempotency, so sending it again could refund twice: the
 *       outcome is unknown until the reconciliation report shows it. (A commit or cancel answered 90 is asked
 *       about with getPaymentStatus before it is sent again, so it stays "not done, retry".)</li>
 *   <li>51 CANNOT_CANCEL_INVOICE_IN_PROGRESS on cancelInvoice: the customer is paying at this moment; the cancel
 *       may succeed once that ends, and the retry asks getPaymentStatus first.</li>
 * </ul>
 */
public enum SeqrResultMeaning {
    /** 0: done. */
    SUCCESS,
    /** Not done; the same call may succeed later. */
    NOT_DONE,
    /** SEQR may or may not have done it. */
    OUTCOME_UNKNOWN,
    /** Refused; another try gives the same answer. */
    REFUSED;

    private static final Map<String, Map<SeqrResultCode, SeqrResultMeaning>> BY_OPERATION = Map.of(
            "refundPayment", Map.of(SeqrResultCode.SYSTEM_ERROR, OUTCOME_UNKNOWN),
            "cancelInvoice", Map.of(SeqrResultCode.CANNOT_CANCEL_INVOICE_IN_PROGRESS, NOT_DONE));

    public static SeqrResultMeaning of(String operation, int code) {
        if (code == SeqrResultCode.SUCCESS.code()) {
            return SUCCESS;
        }
        SeqrResultCode known = SeqrResultCode.of(code).orElse(null);
        if (known == null) {
            return REFUSED;
        }
        SeqrResultMeaning special = BY_OPERATION.getOrDefault(operation, Map.of()).get(known);
        if (special != null) {
            return special;
        }
        return known.isTransient() ? NOT_DONE : REFUSED;
    }
}
