package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.OverduePayments.Action;
import com.seqrbackoffice.payments.OverduePayments.Outcome;

/** One test per outcome of the hold sweep's decision for a payment past its deadline. */
class OverduePaymentsTest {

    private final OverduePayments rule = new OverduePayments();

    @Test
    void anIssuedPaymentStillWaitingAtSeqrIsCanceledThere() {
        Outcome outcome = rule.decide(payment(PaymentStatus.ISSUED, null), "ISSUED", null);

        assertThat(outcome.action()).isEqualTo(Action.CANCEL_AT_SEQR);
        assertThat(outcome.newStatus()).isEqualTo("CANCELED");
        assertThat(outcome.reason()).contains("did not confirm by");
    }

    @Test
    void anIssuedPaymentTheCustomerConfirmedMeanwhileIsRecordedReserved() {
        Outcome outcome = rule.decide(payment(PaymentStatus.ISSUED, null), "RESERVED", null);

        assertThat(outcome).isEqualTo(new Outcome(Action.RECORD_SEQR_STATUS, "RESERVED", null));
    }

    @Test
    void anEndAtSeqrIsRecordedWhateverTheLedgerHeld() {
        assertThat(rule.decide(payment(PaymentStatus.RESERVED, null), "EXPIRED", null).action())
                .isEqualTo(Action.RECORD_SEQR_STATUS);
        Outcome canceled = rule.decide(payment(PaymentStatus.ISSUED, null), "CANCELED", null);
        assertThat(canceled.action()).isEqualTo(Action.RECORD_SEQR_STATUS);
        assertThat(canceled.newStatus()).isEqualTo("CANCELED");
    }

    @Test
    void whatSeqrCannotBeAskedAboutIsEndedInTheLedger() {
        Throwable refusal = new RuntimeException("wrapped",
                new InvalidMessageException("UNKNOWN_TERMINAL", "terminal till-1 is not registered with SEQR"));

        Outcome hold = rule.decide(payment(PaymentStatus.RESERVED, null), null, refusal);
        Outcome issued = rule.decide(payment(PaymentStatus.ISSUED, null), null, refusal);

        assertThat(hold.action()).isEqualTo(Action.END_IN_LEDGER);
        assertThat(hold.newStatus()).isEqualTo("EXPIRED");
        assertThat(hold.reason()).contains("deadline", "terminal till-1 is not registered with SEQR")
                .doesNotContain("wrapped");
        assertThat(issued.newStatus()).isEqualTo("CANCELED");
    }

    @Test
    void aHoldWhoseCommitWasClaimedIsNeverEndedWithoutSeqr() {
        Outcome outcome = rule.decide(payment(PaymentStatus.RESERVED, "f-1"), null,
                new InvalidMessageException("UNKNOWN_TERMINAL", "terminal till-1 is not registered with SEQR"));

        assertThat(outcome.action()).as("the reconciliation report settles a commit SEQR may have made")
                .isEqualTo(Action.ASK_AGAIN);
    }

    @Test
    void noAnswerOrAStatusThatMayStillChangeIsAskedAgain() {
        assertThat(rule.decide(payment(PaymentStatus.ISSUED, null), null, null).action()).isEqualTo(Action.ASK_AGAIN);
        assertThat(rule.decide(payment(PaymentStatus.RESERVED, null), "RESERVED", null).action())
                .as("SEQR's clock: its deadline has not passed yet").isEqualTo(Action.ASK_AGAIN);
        assertThat(rule.decide(payment(PaymentStatus.RESERVED, "f-1"), "PAID", null).action())
                .as("the fulfilment or the report records it").isEqualTo(Action.ASK_AGAIN);
    }

    private static Payment payment(PaymentStatus status, String fulfilmentMessageId) {
        return new Payment("order-1", "p-1", "till-1", "1397222701693", status, new Money(new BigDecimal("100.00"), "SEK"),
                null, null, 1, "Pump", Instant.parse("2026-11-27T10:02:00Z"), Instant.parse("2026-11-27T11:00:00Z"),
                fulfilmentMessageId);
    }
}
