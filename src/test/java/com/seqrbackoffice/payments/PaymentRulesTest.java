package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The bound on a fulfilment that waits for the customer's confirmation. */
class PaymentRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final PaymentRules rules = new PaymentRules(false, Duration.ofSeconds(300), Clock.fixed(NOW, ZoneOffset.UTC));
    private final Payment issued = new Payment("order-1", "p-1", "till-1", "1397222701693", PaymentStatus.ISSUED,
            new Money(new BigDecimal("100.00"), "SEK"), null, null, 0, "Pump", NOW, NOW, null);

    @Test
    void aFirstWaitStartsNow() {
        assertThat(rules.keepWaiting(issued, null)).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aFulfilmentWithinItsBoundKeepsWaitingSinceItFirstWaited() {
        long since = NOW.minusSeconds(299).toEpochMilli();

        assertThat(rules.keepWaiting(issued, since)).isEqualTo(since);
    }

    @Test
    void aFulfilmentPastItsBoundIsRefused() {
        assertThatThrownBy(() -> rules.keepWaiting(issued, NOW.minusSeconds(300).toEpochMilli()))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.getCode()).isEqualTo("RESERVATION_NOT_CONFIRMED"))
                .hasMessageContaining("order-1").hasMessageContaining("ISSUED").hasMessageContaining("300 s");
    }
}
