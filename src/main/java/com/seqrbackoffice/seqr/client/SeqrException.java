package com.seqrbackoffice.seqr.client;

/**
 * A SEQR call that did not succeed. The three kinds need different handling, so an error policy matches the
 * subtypes, not this class:
 * <ul>
 *   <li>{@link SeqrTransientException}: SEQR did not do it; the same call may be repeated after a delay.</li>
 *   <li>{@link SeqrPermanentException}: SEQR refused it; repeating it gives the same answer.</li>
 *   <li>{@link SeqrUnknownOutcomeException}: the request may or may not have been carried out; resolve it with
 *       getPaymentStatus before repeating a commit, cancel or refund.</li>
 * </ul>
 * Messages hold the operation, the code and SEQR's description, never a request's content, so they are safe for
 * logs and dead-letter properties.
 */
public abstract sealed class SeqrException extends RuntimeException
        permits SeqrTransientException, SeqrPermanentException, SeqrUnknownOutcomeException {

    private final String operation;

    SeqrException(String operation, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
    }

    /** The SEQR operation that failed, e.g. {@code commitReservation}. */
    public String getOperation() {
        return operation;
    }
}
