package com.seqrbackoffice.payments;

import java.time.Instant;

/**
 * Stripe's rule for idempotency keys: a key names one message. The same content under the same key is a repeat;
 * other content under a key already used is a sender's mistake and is refused, never taken for a repeat.
 */
public final class IdempotencyRule {

    private IdempotencyRule() {
    }

    /** How a key was first used, as the ledger recorded it. */
    public record FirstUse(String kind, String key, String fingerprint, String messageId, String orderId,
                           String terminalId, Instant at, boolean completed) {
    }

    /** {@code first} is null when this use is the one that claimed the key. */
    public static KeyOutcome decide(FirstUse first, String fingerprint) {
        if (first == null) {
            return KeyOutcome.FIRST_USE;
        }
        if (!first.fingerprint().equals(fingerprint)) {
            return KeyOutcome.REUSED;
        }
        return first.completed() ? KeyOutcome.REPEAT_OF_COMPLETED : KeyOutcome.REPEAT;
    }

    /** The refusal of a reuse: names the first use, so that the sender can find its mistake. */
    public static InvalidMessageException reuse(FirstUse first) {
        String subject = first.orderId() != null ? " for order " + first.orderId()
                : first.terminalId() != null ? " for terminal " + first.terminalId() : "";
        String use = first.kind().equals(IdempotencyKeys.REFUND_ID)
                ? "refundId " + first.key() + " was first used at " + first.at() + " by message " + first.messageId()
                        + subject + " with other content; a different refund needs a refundId of its own"
                : "messageId " + first.key() + " was first used at " + first.at() + " by a " + first.kind() + " message"
                        + subject + " with other content; a different message needs a messageId of its own";
        return new InvalidMessageException("IDEMPOTENCY_KEY_REUSED", use);
    }
}
