package com.seqrbackoffice.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.InvalidMessageException;
import com.seqrbackoffice.payments.Money;
import com.seqrbackoffice.payments.Payment;
import com.seqrbackoffice.seqr.client.SeqrInvoice;

class RefundRulesTest {

    private final RefundRules rules = new RefundRules("Refund");
    private final RefundRequest refund = new RefundRequest("m-1", "refund-1", "order-1", null,
            new Money(new BigDecimal("10.00"), "SEK"), "broken pump");

    @Test
    void aRefundIdWithoutClaimIsClaimedAndRefunded() {
        assertThat(rules.nextStep(null)).isEqualTo(RefundStep.CLAIM_AND_REFUND);
    }

    @Test
    void aRefundMadeAlreadyIsAnnouncedAgain() {
        assertThat(rules.nextStep(claim("REFUNDED", "seqr-r-1"))).isEqualTo(RefundStep.ANNOUNCE_AGAIN);
    }

    @Test
    void aClaimWithSeqrsReferenceIsRecordedWithoutCallingSeqrAgain() {
        assertThat(rules.nextStep(claim("CLAIMED", "seqr-r-1"))).isEqualTo(RefundStep.RECORD_SEQR_ANSWER);
    }

    @Test
    void aRefundSeqrRefusedStaysRefused() {
        assertThat(rules.nextStep(claim("REFUSED", null))).isEqualTo(RefundStep.REFUSE_AS_REFUSED);
    }

    @Test
    void aClaimWithoutSeqrsAnswerIsRefusedAsUnknownWhateverItsStatus() {
        assertThat(rules.nextStep(claim("CLAIMED", null))).isEqualTo(RefundStep.REFUSE_AS_UNKNOWN);
        assertThat(rules.nextStep(claim("OUTCOME_UNKNOWN", null))).isEqualTo(RefundStep.REFUSE_AS_UNKNOWN);
    }

    @Test
    void theRefundedPaymentMustBeOnePaidPaymentInTheRefundsCurrency() {
        assertRefused(() -> rules.forRefund(List.of(), refund), "UNKNOWN_ORDER");
        assertRefused(() -> rules.forRefund(List.of(row("PAID", "SEK"), row("PAID", "SEK")), refund),
                "AMBIGUOUS_PAYMENT");
        assertRefused(() -> rules.forRefund(List.of(row("RESERVED", "SEK")), refund), "PAYMENT_NOT_PAID");
        assertRefused(() -> rules.forRefund(List.of(row("PAID", "EUR")), refund), "CURRENCY_MISMATCH");

        Payment payment = rules.forRefund(List.of(row("PAID", "SEK")), refund);
        assertThat(payment.orderId()).isEqualTo("order-1");
    }

    @Test
    void aRefundFitsWhatIsLeftOfTheCaptureAfterRefundsAndClaimsInProgress() {
        assertThat(rules.refusal(refund, new BigDecimal("30"), new BigDecimal("15"), new BigDecimal("5"))).isNull();

        InvalidMessageException refusal = rules.refusal(refund, new BigDecimal("30"), new BigDecimal("15"),
                new BigDecimal("5.01"));
        assertThat(refusal.getCode()).isEqualTo("REFUND_EXCEEDS_CAPTURED");
        assertThat(refusal.getMessage()).contains("in progress");
    }

    @Test
    void theRefundInvoiceIsOneRowOfTheRefundsAmount() {
        SeqrInvoice invoice = rules.refundInvoice(rules.forRefund(List.of(row("PAID", "SEK")), refund), refund);

        assertThat(invoice.totalAmount()).isEqualByComparingTo("10.00");
        assertThat(invoice.rows()).hasSize(1);
        assertThat(invoice.rows().get(0).description()).isEqualTo("broken pump");
    }

    @Test
    void theSharedStatementsGetNoReportFromTheRoute() {
        assertThat(rules.claimValues("refund-1", "seqr-r-1", null)).containsEntry("refundId", "refund-1")
                .containsEntry("ersReference", "seqr-r-1").containsEntry("reportPk", null).containsKey("failure");
    }

    private static Map<String, Object> claim(String status, String seqrReference) {
        Map<String, Object> claim = new HashMap<>();
        claim.put("status", status);
        claim.put("seqr_ers_reference", seqrReference);
        return claim;
    }

    private static Map<String, Object> row(String status, String currency) {
        Map<String, Object> row = new HashMap<>();
        row.put("order_id", "order-1");
        row.put("terminal_id", "till-1");
        row.put("invoice_reference", "inv-1");
        row.put("status", status);
        row.put("currency", currency);
        row.put("reserved_amount", new BigDecimal("50.00"));
        row.put("final_amount", new BigDecimal("42.00"));
        row.put("ers_reference", "ers-1");
        row.put("seqr_version", 3);
        return row;
    }

    private static void assertRefused(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.getCode()).isEqualTo(code));
    }
}
