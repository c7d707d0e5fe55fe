package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.api.ErswsPaymentStatusResponse;
import com.seqrbackoffice.seqr.api.InvoiceStatus;

/** What a fulfilment does with its payment, what SEQR made of a commit, and the bound on a fulfilment that waits. */
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

    private final Fulfilment fulfilment = new Fulfilment("f-1", "order-1", new Money(new BigDecimal("80.00"), "SEK"), List.of());

    /** A row of {@code select * from payments} for order-1: 100.00 SEK reserved. */
    private static Map<String, Object> row(String status, String fulfilmentMessageId) {
        Map<String, Object> row = new HashMap<>();
        row.put("order_id", "order-1");
        row.put("request_message_id", "p-1");
        row.put("terminal_id", "till-1");
        row.put("invoice_reference", "1397222701693");
        row.put("status", status);
        row.put("currency", "SEK");
        row.put("reserved_amount", new BigDecimal("100.00"));
        row.put("final_amount", "PAID".equals(status) ? new BigDecimal("80.00") : null);
        row.put("seqr_version", 2);
        row.put("fulfilment_message_id", fulfilmentMessageId);
        return row;
    }

    private static Fulfilment fulfilmentOf(String messageId, String value, String currency) {
        return new Fulfilment(messageId, "order-1", new Money(new BigDecimal(value), currency), List.of());
    }

    @Test
    void aReservedPaymentIsCommitted() {
        assertThat(rules.fulfilmentOutcome(row("RESERVED", null), fulfilment)).isEqualTo(FulfilmentOutcome.COMMIT);
    }

    @Test
    void aReservedPaymentThisFulfilmentClaimedIsCommittedAgain() {
        assertThat(rules.fulfilmentOutcome(row("RESERVED", "f-1"), fulfilment)).isEqualTo(FulfilmentOutcome.COMMIT);
    }

    @Test
    void aPaymentPaidByThisFulfilmentIsAlreadyPaid() {
        assertThat(rules.fulfilmentOutcome(row("PAID", "f-1"), fulfilment)).isEqualTo(FulfilmentOutcome.ALREADY_PAID);
    }

    @Test
    void anIssuedPaymentWaits() {
        assertThat(rules.fulfilmentOutcome(row("ISSUED", null), fulfilment)).isEqualTo(FulfilmentOutcome.WAIT);
    }

    @Test
    void anEndedPaymentIsEndedAndRefusedAsNotReserved() {
        for (String status : List.of("CANCELED", "EXPIRED", "FAILED")) {
            assertThat(rules.fulfilmentOutcome(row(status, null), fulfilment)).isEqualTo(FulfilmentOutcome.ENDED);
            assertRefused(row(status, null), fulfilment, "PAYMENT_NOT_RESERVED");
        }
    }

    @Test
    void anOrderWithoutPaymentIsRefused() {
        assertThat(rules.fulfilmentOutcome(null, fulfilment)).isEqualTo(FulfilmentOutcome.REFUSE);
        assertRefused(null, fulfilment, "UNKNOWN_ORDER");
    }

    @Test
    void aPaymentPaidByAnotherFulfilmentIsRefused() {
        assertThat(rules.fulfilmentOutcome(row("PAID", "f-0"), fulfilment)).isEqualTo(FulfilmentOutcome.REFUSE);
        assertRefused(row("PAID", "f-0"), fulfilment, "ORDER_ALREADY_PAID");
    }

    @Test
    void aPaymentAnotherFulfilmentClaimedIsRefused() {
        assertThat(rules.fulfilmentOutcome(row("RESERVED", "f-0"), fulfilment)).isEqualTo(FulfilmentOutcome.REFUSE);
        assertRefused(row("RESERVED", "f-0"), fulfilment, "ORDER_ALREADY_FULFILLED");
    }

    @Test
    void aFinalAmountInAnotherCurrencyIsRefusedReservedOrIssued() {
        Fulfilment euros = fulfilmentOf("f-1", "80.00", "EUR");
        for (String status : List.of("RESERVED", "ISSUED")) {
            assertThat(rules.fulfilmentOutcome(row(status, null), euros)).isEqualTo(FulfilmentOutcome.REFUSE);
            assertRefused(row(status, null), euros, "CURRENCY_MISMATCH");
        }
    }

    @Test
    void aFinalAmountAboveTheReservedOneIsRefusedUnlessOverCommitIsAllowed() {
        Fulfilment above = fulfilmentOf("f-1", "100.01", "SEK");
        assertThat(rules.fulfilmentOutcome(row("RESERVED", null), above)).isEqualTo(FulfilmentOutcome.REFUSE);
        assertRefused(row("RESERVED", null), above, "FINAL_AMOUNT_ABOVE_RESERVED");

        PaymentRules overCommit = new PaymentRules(true, Duration.ofSeconds(300), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(overCommit.fulfilmentOutcome(row("RESERVED", null), above)).isEqualTo(FulfilmentOutcome.COMMIT);
    }

    private void assertRefused(Map<String, Object> row, Fulfilment refused, String code) {
        assertThatThrownBy(() -> rules.refuseFulfilment(row, refused))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.getCode()).isEqualTo(code));
    }

    @Test
    void aCommitSeqrReportsPaidIsPaid() {
        assertThat(rules.commitOutcome("PAID", null)).isEqualTo(CommitOutcome.PAID);
    }

    @Test
    void aReservationSeqrEndedIsEndedAtSeqr() {
        for (String status : List.of("CANCELED", "EXPIRED", "FAILED")) {
            assertThat(rules.commitOutcome(status, null)).isEqualTo(CommitOutcome.ENDED_AT_SEQR);
        }
    }

    @Test
    void aFailedSeqrCallIsFailedWhateverTheStatus() {
        assertThat(rules.commitOutcome("RESERVED", new IllegalStateException("timeout"))).isEqualTo(CommitOutcome.FAILED);
    }

    @Test
    void aCommitSeqrHasNotPaidYetIsNotPaid() {
        assertThat(rules.commitOutcome("RESERVED", null)).isEqualTo(CommitOutcome.NOT_PAID);
        assertThat(rules.commitOutcome("NOT_RESERVED", null)).isEqualTo(CommitOutcome.NOT_PAID);
    }

    @Test
    void aPollStillWaitingForTheCustomerWithinItsDeadlinePollsAgain() {
        long deadline = NOW.plusSeconds(1).toEpochMilli();
        assertThat(rules.pollOutcome(answer(InvoiceStatus.ISSUED), deadline, null)).isEqualTo(PollOutcome.POLL_AGAIN);
        assertThat(rules.pollOutcome(answer(InvoiceStatus.PENDING_ISSUER_ACKNOWLEDGE), deadline, null))
                .isEqualTo(PollOutcome.POLL_AGAIN);
        assertThat(rules.pollOutcome(answer(InvoiceStatus.ISSUED), NOW.toEpochMilli(), null))
                .isEqualTo(PollOutcome.POLL_AGAIN);
    }

    @Test
    void aPollSeqrDidNotAnswerIsStillWaiting() {
        assertThat(rules.pollOutcome(null, NOW.plusSeconds(1).toEpochMilli(), null)).isEqualTo(PollOutcome.POLL_AGAIN);
        assertThat(rules.pollOutcome(null, NOW.minusMillis(1).toEpochMilli(), null))
                .isEqualTo(PollOutcome.CONFIRMATION_OVERDUE);
    }

    @Test
    void aPollStillWaitingPastItsDeadlineIsConfirmationOverdue() {
        long deadline = NOW.minusMillis(1).toEpochMilli();
        assertThat(rules.pollOutcome(answer(InvoiceStatus.ISSUED), deadline, null))
                .isEqualTo(PollOutcome.CONFIRMATION_OVERDUE);
        assertThat(rules.pollOutcome(answer(InvoiceStatus.PENDING_ISSUER_ACKNOWLEDGE), deadline, null))
                .isEqualTo(PollOutcome.CONFIRMATION_OVERDUE);
    }

    @Test
    void anotherStatusIsAChangeEvenPastTheDeadline() {
        for (InvoiceStatus status : List.of(InvoiceStatus.RESERVED, InvoiceStatus.CANCELED, InvoiceStatus.EXPIRED,
                InvoiceStatus.FAILED)) {
            assertThat(rules.pollOutcome(answer(status), NOW.minusSeconds(60).toEpochMilli(), null))
                    .isEqualTo(PollOutcome.CHANGED);
        }
    }

    @Test
    void paidIsLeftToTheFulfilmentThatCommittedIt() {
        assertThat(rules.pollOutcome(answer(InvoiceStatus.PAID), NOW.plusSeconds(60).toEpochMilli(), null))
                .isEqualTo(PollOutcome.COMMITTED);
        assertThat(rules.pollOutcome(answer(InvoiceStatus.PAID), NOW.minusSeconds(60).toEpochMilli(), null))
                .isEqualTo(PollOutcome.COMMITTED);
    }

    @Test
    void aRefusedPollIsRefused() {
        assertThat(rules.pollOutcome(null, NOW.plusSeconds(60).toEpochMilli(), new IllegalStateException("refused")))
                .isEqualTo(PollOutcome.REFUSED);
    }

    @Test
    void theNextPollSendsTheVersionSeqrAnsweredOrTheLastOneSeen() {
        ErswsPaymentStatusResponse answer = answer(InvoiceStatus.ISSUED);
        answer.setVersion(3);

        assertThat(rules.nextPollVersion(answer, 2)).isEqualTo(3);
        assertThat(rules.nextPollVersion(null, 2)).isEqualTo(2);
    }

    private static ErswsPaymentStatusResponse answer(InvoiceStatus status) {
        ErswsPaymentStatusResponse answer = new ErswsPaymentStatusResponse();
        answer.setStatus(status);
        return answer;
    }
}
