package com.seqrbackoffice.refunds;

/** What the refund route does with a refund id, as {@link RefundRules#nextStep} decides from its claim. */
public enum RefundStep {
    /** No claim: claim it (if the ledger's amounts allow), call refundPayment, record and announce it. */
    CLAIM_AND_REFUND,
    /** SEQR refunded it (its reference is on the claim) but the ledger write failed: record and announce it now. */
    RECORD_SEQR_ANSWER,
    /** Made already: a repeat; its event is sent again at once, in case a crash lost it. */
    ANNOUNCE_AGAIN,
    /** Claimed moments ago without SEQR's answer, maybe by a delivery still calling SEQR: asked again on redelivery. */
    WAIT_FOR_CALL,
    /** SEQR refused it once: the same refund id stays refused. */
    REFUSE_AS_REFUSED,
    /**
     * A call whose answer never came (or a claim older than the longest call): SEQR may have refunded, so it is
     * refused until a report settles it.
     */
    REFUSE_AS_UNKNOWN
}
