package com.seqrbackoffice.seqr.emulator;

import static com.seqrbackoffice.seqr.api.InvoiceStatus.CANCELED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.EXPIRED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.ISSUED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.PAID;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.RESERVED;
import static com.seqrbackoffice.seqr.emulator.InProcessSeqr.preliminary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqrbackoffice.seqr.api.ErswsPaymentStatusResponse;
import com.seqrbackoffice.seqr.api.InvoiceStatus;
import com.seqrbackoffice.seqr.api.PaymentMode;
import com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every transition of the invoice state machine and every refusal (API.md §6-7), time driven by a test clock. */
class InvoiceLifecycleTest {

    private final InProcessSeqr seqr = new InProcessSeqr();

    // ---- the customer ----

    @Test
    void customerConfirmationReservesAPreliminaryInvoice() {
        String reference = seqr.issue(preliminary("500"));

        InvoiceView confirmed = seqr.backend.confirm(reference);

        assertThat(confirmed.status()).isEqualTo(RESERVED);
        assertThat(confirmed.reservedAmount().value()).isEqualTo("500");
        assertThat(confirmed.ersReference()).isNull();
    }

    @Test
    void customerConfirmationPaysAnImmediateDebitInvoiceWithReceiptAndErsReference() {
        String reference = seqr.issue(InProcessSeqr.invoice(PaymentMode.IMMEDIATE_DEBIT, "99.90", "SEK", null));

        seqr.backend.confirm(reference);

        ErswsPaymentStatusResponse status = seqr.poll(reference);
        assertThat(status.getStatus()).isEqualTo(PAID);
        assertThat(status.getErsReference()).matches("\\d{25}");
        assertThat(status.getReceipt().getPaymentReference()).isEqualTo(status.getErsReference());
        assertThat(status.getReceipt().getInvoiceReference()).isEqualTo(reference);
    }

    @Test
    void reservationDesiredIsReservedLikeTheOtherReservationModes() {
        String reference = seqr.issue(InProcessSeqr.invoice(PaymentMode.RESERVATION_DESIRED, "10", "SEK", null));

        assertThat(seqr.backend.confirm(reference).status()).isEqualTo(RESERVED);
    }

    @Test
    void customerDeclineCancelsAnIssuedInvoice() {
        String reference = seqr.issue(preliminary("500"));

        assertThat(seqr.backend.decline(reference).status()).isEqualTo(CANCELED);
        assertThat(seqr.cancel(reference)).isEqualTo(95);
    }

    @Test
    void aFailedPaymentEndsAnIssuedInvoiceAsFailed() {
        String reference = seqr.issue(preliminary("500"));

        assertThat(seqr.backend.failPayment(reference).status()).isEqualTo(InvoiceStatus.FAILED);
        assertThat(seqr.cancel(reference)).isEqualTo(95);
        assertThatThrownBy(() -> seqr.backend.failPayment(reference)).isInstanceOf(CustomerActionException.class);
    }

    @Test
    void customerCannotConfirmAnInvoiceThatNoLongerWaitsOrDoesNotExist() {
        String reference = seqr.reserved("500");

        assertThatThrownBy(() -> seqr.backend.confirm(reference)).isInstanceOfSatisfying(
                CustomerActionException.class, e -> assertThat(e.unknownInvoice()).isFalse());
        assertThatThrownBy(() -> seqr.backend.decline("404")).isInstanceOfSatisfying(
                CustomerActionException.class, e -> assertThat(e.unknownInvoice()).isTrue());
    }

    // ---- cancelInvoice ----

    @Test
    void cancelOfAnIssuedInvoiceCancelsIt() {
        String reference = seqr.issue(preliminary("500"));

        assertThat(seqr.cancel(reference)).isZero();
        assertThat(seqr.status(reference)).isEqualTo(CANCELED);
    }

    @Test
    void cancelOfAReservedInvoiceReleasesTheReservation() {
        String reference = seqr.reserved("500");

        assertThat(seqr.cancel(reference)).isZero();
        assertThat(seqr.status(reference)).isEqualTo(CANCELED);
    }

    @Test
    void cancelOfAPaidInvoiceIsRefusedWithCode50() {
        String reference = seqr.reserved("500");
        assertThat(seqr.commit(reference, "500")).isZero();

        assertThat(seqr.cancel(reference)).isEqualTo(50);
        assertThat(seqr.status(reference)).isEqualTo(PAID);
    }

    @Test
    void cancelOfACanceledInvoiceIsRefusedWithCode95() {
        String reference = seqr.issue(preliminary("500"));
        seqr.cancel(reference);

        assertThat(seqr.seqr.cancelInvoice(InProcessSeqr.shopTerminal(), reference).getResultDescription())
                .isEqualTo("INVOICE_ALREADY_CANCELED");
    }

    @Test
    void cancelOfAnExpiredReservationIsRefusedWithCode95() {
        String reference = seqr.issue(InProcessSeqr.invoice(
                PaymentMode.RESERVATION_REQUIRED_PRELIMINARY_AMOUNT, "500", "SEK", 5L));
        seqr.backend.confirm(reference);
        seqr.poll(reference);
        seqr.advance(Duration.ofSeconds(5));

        assertThat(seqr.cancel(reference)).isEqualTo(95);
    }

    // ---- sendInvoice on a cash register terminal ----

    @Test
    void newInvoiceOnARegisteredTerminalCancelsItsIssuedInvoice() {
        var till = registeredTill("till-1");
        String first = seqr.issue(till, preliminary("100"));

        String second = seqr.issue(till, preliminary("200"));

        assertThat(seqr.status(first)).isEqualTo(CANCELED);
        assertThat(seqr.status(second)).isEqualTo(ISSUED);
    }

    @Test
    void newInvoiceOnARegisteredTerminalLeavesItsReservationAlone() {
        var till = registeredTill("till-2");
        String first = seqr.issue(till, preliminary("100"));
        seqr.backend.confirm(first);

        seqr.issue(till, preliminary("200"));

        assertThat(seqr.status(first)).isEqualTo(RESERVED);
    }

    @Test
    void theSharedPublicTestTerminalHoldsSeveralOpenInvoices() {
        String first = seqr.issue(preliminary("100"));
        seqr.issue(preliminary("200"));

        assertThat(seqr.status(first)).isEqualTo(ISSUED);
    }

    // ---- commitReservation ----

    @Test
    void commitBelowTheReservedAmountPaysTheCommittedAmount() {
        String reference = seqr.reserved("500");

        assertThat(seqr.commit(reference, "420.00")).isZero();

        assertThat(seqr.view(reference).paidAmount().value()).isEqualTo("420.00");
        assertThat(seqr.status(reference)).isEqualTo(PAID);
    }

    @Test
    void commitAboveReservedAmountIsRejectedWithCode11() {
        String reference = seqr.reserved("500");

        assertThat(seqr.commit(reference, "500.01")).isEqualTo(11);
        assertThat(seqr.status(reference)).isEqualTo(RESERVED);
    }

    @Test
    void commitAboveReservedAmountIsAcceptedWhenOverCommitIsAllowed() {
        InProcessSeqr lenient = new InProcessSeqr(EmulatorSettings.defaults().withAllowOverCommit(true));
        String reference = lenient.reserved("500");

        assertThat(lenient.commit(reference, "600")).isZero();
        assertThat(lenient.view(reference).paidAmount().value()).isEqualTo("600");
    }

    @Test
    void commitInAnotherCurrencyIsRejectedWithCode11() {
        String reference = seqr.reserved("500");

        assertThat(seqr.seqr.commitReservation(InProcessSeqr.shopTerminal(), InProcessSeqr.amount("100", "EUR"),
                reference).getResultCode()).isEqualTo(11);
    }

    @Test
    void commitWithoutAmountPaysTheInvoiceTotal() {
        String reference = seqr.reserved("500");

        assertThat(seqr.commit(reference, null)).isZero();
        assertThat(seqr.view(reference).paidAmount().value()).isEqualTo("500");
    }

    @Test
    void commitOfAnInvoiceThatIsNotReservedIsRefusedWithCode96() {
        String issued = seqr.issue(preliminary("500"));
        String paid = seqr.reserved("500");
        seqr.commit(paid, "500");
        String canceled = seqr.issue(preliminary("500"));
        seqr.cancel(canceled);

        assertThat(seqr.commit(issued, "500")).isEqualTo(96);
        assertThat(seqr.commit(paid, "500")).isEqualTo(96);
        assertThat(seqr.commit(canceled, "500")).isEqualTo(96);
        assertThat(seqr.view(paid).paidAmount().value()).isEqualTo("500");
    }

    // ---- EXPIRED ----

    @Test
    void reservationExpiresWhenCommitReservationTimeoutPassesAndCommitThenAnswers96() {
        String reference = seqr.issue(InProcessSeqr.invoice(
                PaymentMode.RESERVATION_REQUIRED_PRELIMINARY_AMOUNT, "500", "SEK", 10L));
        seqr.backend.confirm(reference);
        seqr.poll(reference);

        seqr.advance(Duration.ofSeconds(9));
        assertThat(seqr.status(reference)).isEqualTo(RESERVED);
        seqr.advance(Duration.ofSeconds(1));

        assertThat(seqr.poll(reference).getStatus()).isEqualTo(EXPIRED);
        assertThat(seqr.commit(reference, "100")).isEqualTo(96);
        assertThat(seqr.counters.snapshot().expirations()).isEqualTo(1);
    }

    // ---- the 20-second rule ----

    @Test
    void reservationNotPolledWithinTheReversalPeriodIsCanceledAndCountedAsAReversal() {
        String reference = seqr.issue(preliminary("500"));
        seqr.backend.confirm(reference);

        seqr.advance(Duration.ofMillis(19_999));
        assertThat(seqr.status(reference)).isEqualTo(RESERVED);
        seqr.advance(Duration.ofMillis(1));

        assertThat(seqr.status(reference)).isEqualTo(CANCELED);
        assertThat(seqr.counters.snapshot().reversals()).isEqualTo(1);
        assertThat(seqr.commit(reference, "500")).isEqualTo(96);
    }

    @Test
    void reservationPolledWithinTheReversalPeriodIsKept() {
        String reference = seqr.issue(preliminary("500"));
        seqr.backend.confirm(reference);
        seqr.advance(Duration.ofSeconds(19));

        seqr.poll(reference);
        seqr.advance(Duration.ofMinutes(5));

        assertThat(seqr.status(reference)).isEqualTo(RESERVED);
        assertThat(seqr.counters.snapshot().reversals()).isZero();
    }

    @Test
    void reversalPeriodIsASetting() {
        InProcessSeqr strict = new InProcessSeqr(EmulatorSettings.defaults().withReversalPeriod(Duration.ofSeconds(2)));
        String reference = strict.issue(preliminary("500"));
        strict.backend.confirm(reference);

        strict.advance(Duration.ofSeconds(2));

        assertThat(strict.status(reference)).isEqualTo(CANCELED);
    }

    @Test
    void paymentNotPolledWithinTheReversalPeriodIsReversedAndCannotBeRefunded() {
        String reference = seqr.issue(InProcessSeqr.invoice(PaymentMode.IMMEDIATE_DEBIT, "50", "SEK", null));
        InvoiceView paid = seqr.backend.confirm(reference);

        seqr.advance(Duration.ofSeconds(20));

        InvoiceView reversed = seqr.view(reference);
        assertThat(reversed.status()).isEqualTo(CANCELED);
        assertThat(reversed.reversed()).isTrue();
        assertThat(seqr.counters.snapshot().reversals()).isEqualTo(1);
        assertThat(seqr.seqr.refundPayment(InProcessSeqr.shopTerminal(), paid.ersReference(),
                InProcessSeqr.invoice(PaymentMode.IMMEDIATE_DEBIT, "1", "SEK", null)).getResultCode()).isEqualTo(98);
    }

    @Test
    void committedPaymentStandsWithoutAPollWhenTheCommitAnswerWasDelivered() {
        String reference = seqr.reserved("500");
        seqr.commit(reference, "400");

        seqr.advance(Duration.ofMinutes(1));

        assertThat(seqr.status(reference)).isEqualTo(PAID);
    }

    @Test
    void committedPaymentWhoseAnswerWasLostIsReversedUnlessPolledInTime() {
        seqr.faults.set(FaultSpec.dropResponse("commitReservation", 0, null));
        String lostAndPolled = seqr.reserved("500");
        String lostAndForgotten = seqr.reserved("500");
        seqr.commit(lostAndPolled, "400");
        seqr.commit(lostAndForgotten, "400");

        seqr.advance(Duration.ofSeconds(10));
        assertThat(seqr.poll(lostAndPolled).getStatus()).isEqualTo(PAID);
        seqr.advance(Duration.ofSeconds(10));

        assertThat(seqr.status(lostAndPolled)).isEqualTo(PAID);
        assertThat(seqr.status(lostAndForgotten)).isEqualTo(CANCELED);
    }

    // ---- version ----

    @Test
    void versionIncrementsAtEveryStatusChangeAndNotOnPollsOrUpdates() {
        String reference = seqr.issue(preliminary("500"));
        assertThat(seqr.poll(reference).getVersion()).isZero();
        assertThat(seqr.poll(reference).getVersion()).isZero();

        seqr.backend.confirm(reference);
        assertThat(seqr.poll(reference).getVersion()).isEqualTo(1);
        seqr.seqr.updateInvoice(InProcessSeqr.shopTerminal(), reference, preliminary("420"), null);
        assertThat(seqr.poll(reference).getVersion()).isEqualTo(1);

        seqr.commit(reference, "420");
        assertThat(seqr.poll(reference).getVersion()).isEqualTo(2);
    }

    // ---- the table itself ----

    @Test
    void everyStatusAnswersCommitAndCancelSoThatNoMerchantCallIsLeftUnanswered() {
        Arrays.stream(InvoiceStatus.values()).filter(s -> s != InvoiceStatus.PENDING_ISSUER_ACKNOWLEDGE)
                .forEach(status -> {
                    assertThat(InvoiceStateMachine.apply(status, Event.MERCHANT_COMMITTED)).as("commit in " + status)
                            .isPresent();
                    assertThat(InvoiceStateMachine.apply(status, Event.MERCHANT_CANCELED)).as("cancel in " + status)
                            .isPresent();
                });
    }

    @Test
    void finalStatusesIgnoreTimersAndTheCustomer() {
        for (InvoiceStatus status : new InvoiceStatus[] {PAID, CANCELED, EXPIRED}) {
            assertThat(InvoiceStateMachine.apply(status, Event.COMMIT_TIMEOUT_PASSED)).isEmpty();
            assertThat(InvoiceStateMachine.apply(status, Event.CUSTOMER_RESERVED)).isEmpty();
            assertThat(InvoiceStateMachine.apply(status, Event.CUSTOMER_DECLINED)).isEmpty();
        }
    }

    private com.seqrbackoffice.seqr.api.ClientContext registeredTill(String externalId) {
        String terminalId = seqr.seqr.registerTerminal(InProcessSeqr.reseller(), externalId, "till-secret", externalId)
                .getTerminalId();
        return InProcessSeqr.terminal(terminalId, "till-secret");
    }
}
