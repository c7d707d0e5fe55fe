package com.seqrbackoffice.seqr.client;

/**
 * The request was sent but no answer was understood: a receive timeout, a broken connection, an HTTP error or a
 * SOAP fault (SEQR reports its errors as result codes, so a fault is abnormal). SEQR may have carried the call
 * out. Queries (getPaymentStatus, executeReport) can simply be repeated; a commit, cancel or refund must first be
 * resolved with getPaymentStatus, because SEQR does no idempotency and a blind retry could act twice.
 */
public final class SeqrUnknownOutcomeException extends SeqrException {

    SeqrUnknownOutcomeException(String operation, Throwable cause) {
        super(operation, "SEQR " + operation + " outcome unknown: " + cause, cause);
    }

    /** An answer whose code leaves the outcome open (see {@link SeqrResultMeaning}). */
    SeqrUnknownOutcomeException(String operation, int code, String description) {
        super(operation, "SEQR " + operation + " outcome unknown: it answered " + code + " "
                + SeqrResultCode.nameOf(code) + SeqrTransientException.describe(description), null);
    }
}
