package com.seqrbackoffice.payments;

/** What a fulfilment does with the payment of its order, as the ledger holds it ({@link PaymentRules#fulfilmentOutcome}). */
public enum FulfilmentOutcome {
    /** RESERVED, the final amount within the hold, and no other fulfilment message has claimed the commit. */
    COMMIT,
    /** PAID by this same fulfilment message: a copy of it, whose first delivery announced it. */
    ALREADY_PAID,
    /** Still ISSUED: the customer has not confirmed yet, so the fulfilment waits for the reservation. */
    WAIT,
    /** CANCELED, EXPIRED or FAILED: refused, after its kept events are sent again (a crash may have lost them). */
    ENDED,
    /** Anything else a fulfilment cannot do ({@link PaymentRules#refuseFulfilment} says why). */
    REFUSE
}
