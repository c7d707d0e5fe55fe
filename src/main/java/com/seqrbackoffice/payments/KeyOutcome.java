package com.seqrbackoffice.payments;

/** What an idempotency key's use is, against its first use ({@link IdempotencyRule}). */
public enum KeyOutcome {
    /** The key is new: the message is carried out. */
    FIRST_USE,
    /** The same content again (a redelivery or a resend): the route's own repeat handling applies. */
    REPEAT,
    /** The same content again, and the first use's effect is recorded: its outcome is re-sent, nothing is done. */
    REPEAT_OF_COMPLETED,
    /** Other content under a key already used: refused with IDEMPOTENCY_KEY_REUSED, nothing is done. */
    REUSED
}
