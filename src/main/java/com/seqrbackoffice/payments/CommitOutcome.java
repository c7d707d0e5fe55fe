package com.seqrbackoffice.payments;

/** What SEQR made of a fulfilment's commit ({@link PaymentRules#commitOutcome}). */
public enum CommitOutcome {
    /** SEQR reports PAID: the capture is recorded and announced. */
    PAID,
    /** SEQR ended the reservation before the commit (expired, reversed, canceled): the fulfilment is refused. */
    ENDED_AT_SEQR,
    /** A SEQR call failed: the error policy takes the failure (a refusal dead-lettered, the rest redelivered). */
    FAILED,
    /** SEQR has not made it PAID (yet): the transaction rolls back and the redelivery asks again. */
    NOT_PAID
}
