package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class IdempotencyRuleTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static IdempotencyRule.FirstUse first(String kind, String fingerprint, boolean completed) {
        return new IdempotencyRule.FirstUse(kind, "f-1", fingerprint, "f-1", "order-A", null, AT, completed);
    }

    @Test
    void aKeyNotSeenBeforeIsAFirstUse() {
        assertThat(IdempotencyRule.decide(null, "abc")).isEqualTo(KeyOutcome.FIRST_USE);
    }

    @Test
    void theSameContentAgainIsARepeat() {
        assertThat(IdempotencyRule.decide(first("fulfilment", "abc", false), "abc")).isEqualTo(KeyOutcome.REPEAT);
    }

    @Test
    void theSameContentAgainAfterItsEffectWasRecordedIsARepeatOfACompletedMessage() {
        assertThat(IdempotencyRule.decide(first("terminal-command", "abc", true), "abc"))
                .isEqualTo(KeyOutcome.REPEAT_OF_COMPLETED);
    }

    @Test
    void otherContentUnderAUsedKeyIsAReuseWhateverTheFirstUseBecame() {
        assertThat(IdempotencyRule.decide(first("fulfilment", "abc", false), "xyz")).isEqualTo(KeyOutcome.REUSED);
        assertThat(IdempotencyRule.decide(first("terminal-command", "abc", true), "xyz")).isEqualTo(KeyOutcome.REUSED);
    }

    @Test
    void theRefusalOfAReuseNamesTheFirstUse() {
        InvalidMessageException refusal = IdempotencyRule.reuse(first("fulfilment", "abc", false));

        assertThat(refusal.getCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(refusal.getMessage()).isEqualTo("messageId f-1 was first used at 2026-12-01T10:00:00Z by a fulfilment"
                + " message for order order-A with other content; a different message needs a messageId of its own");
    }

    @Test
    void theRefusalOfAReusedRefundIdNamesTheMessageThatFirstUsedIt() {
        InvalidMessageException refusal = IdempotencyRule.reuse(new IdempotencyRule.FirstUse(IdempotencyKeys.REFUND_ID,
                "refund-9", "abc", "r-1", "order-A", null, AT, false));

        assertThat(refusal.getMessage()).isEqualTo("refundId refund-9 was first used at 2026-12-01T10:00:00Z by message r-1"
                + " for order order-A with other content; a different refund needs a refundId of its own");
    }
}
