package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.Money;
import com.seqrbackoffice.payments.Payment;
import com.seqrbackoffice.payments.PaymentEvent;
import com.seqrbackoffice.payments.PaymentEvents;
import com.seqrbackoffice.payments.PaymentStatus;
import com.seqrbackoffice.reporting.ReconciliationSummary.Settlement;

class SettlementEventsTest {

    private final SettlementEvents events = new SettlementEvents(
            new PaymentEvents(Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC)));
    private final Payment payment = new Payment("order-1", "m-1", "till-1", "inv-1", PaymentStatus.PAID,
            new Money(new BigDecimal("50.00"), "SEK"), new BigDecimal("42.00"), "ers-1", 3, "Fuel", null, null, "f-1");

    @Test
    void aCommitMadeIsAnnouncedAsPaidFromThePeriodsReport() {
        Settlement commit = settlement(Settlement.COMMIT_MADE, null);

        PaymentEvent event = events.event(payment, commit, "p-7");

        assertThat(events.isAnnounced(commit)).isTrue();
        assertThat(event.eventId()).isEqualTo("order-1:PAID");
        assertThat(event.status()).isEqualTo("PAID");
        assertThat(event.reason()).isEqualTo("settled from SEQR report of period p-7");
    }

    @Test
    void aRefundMadeIsAnnouncedAsRefundedWithItsAmountAndReference() {
        Settlement refund = settlement(Settlement.REFUND_MADE, "refund-9");

        PaymentEvent event = events.event(payment, refund, "p-7");

        assertThat(events.isAnnounced(refund)).isTrue();
        assertThat(event.eventId()).isEqualTo("order-1:REFUNDED:refund-9");
        assertThat(event.amount()).isEqualTo(new Money(new BigDecimal("12.50"), "SEK"));
        assertThat(event.ersReference()).isEqualTo("seqr-refund-1");
    }

    @Test
    void aRefundNotMadeIsNotAnnounced() {
        Settlement notMade = settlement(Settlement.REFUND_NOT_MADE, "refund-9");

        assertThat(events.isAnnounced(notMade)).isFalse();
        assertThatThrownBy(() -> events.event(payment, notMade, "p-7")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Settlement settlement(String kind, String refundId) {
        return new Settlement(kind, "order-1", refundId, "inv-1", refundId == null ? "ers-1" : "seqr-refund-1",
                refundId == null ? "42.00" : "12.50", "SEK");
    }
}
