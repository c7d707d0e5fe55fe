package com.seqrbackoffice.refunds;

/**
 * A refund claimed by a delivery that may still be waiting for SEQR: not a refusal, so the error policy rolls the
 * message back and the broker redelivers it after its delay.
 */
public final class RefundInProgressException extends RuntimeException {

    public RefundInProgressException(String message) {
        super(message);
    }
}
