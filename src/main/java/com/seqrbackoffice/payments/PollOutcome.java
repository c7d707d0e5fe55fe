package com.seqrbackoffice.payments;

/** What a status poll does with SEQR's answer ({@link PaymentRules#pollOutcome}). */
public enum PollOutcome {
    /** SEQR refused the poll (credentials, an unknown invoice): dead-lettered with its reason by the error policy. */
    REFUSED,
    /** Still waiting for the customer (or SEQR did not answer) and within the confirmation deadline: poll again. */
    POLL_AGAIN,
    /** Still waiting for the customer past the confirmation deadline: the invoice is canceled. */
    CONFIRMATION_OVERDUE,
    /** SEQR reports another status: it is recorded and announced, and polling stops. */
    CHANGED,
    /**
     * SEQR has the invoice PAID: only a commit makes it so, and the fulfilment that made it records PAID with its final
     * amount and capture, in its own delivery or, after a crash that lost its ledger write, its redelivery. The poll
     * records nothing and stops (a poll redelivered after the same crash re-sends what its first delivery announced).
     */
    COMMITTED
}
