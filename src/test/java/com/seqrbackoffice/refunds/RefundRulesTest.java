package com.seqrbackoffice.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.InvalidMessageException;
import com.seqrbackoffice.payments.Money;
import com.seqrbackoffice.payments.Payment;
import com.seqrbackoffice.seqr.client.SeqrInvoice;

class RefundRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration LONGEST_CALL = Duration.ofSeconds(20);

    private final RefundRules rules = new RefundRules("Refund", LONGEST_CALL);
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
        assertThat(rules.nextStep(claim("CLAIMED", null, LONGEST_CALL))).isEqualTo(RefundStep.REFUSE_AS_UNKNOWN);
        assertThat(rules.nextStep(claim("OUTCOME_UNKNOWN", null))).isEqualTo(RefundStep.REFUSE_AS_UNKNOWN);
    }

    @Test
    void aClaimWithoutSeqrsAnswerYoungerThanTheLongestCallWaitsForTheDeliveryThatMayBeCallingSeqr() {
        Map<String, Object> postgresClaim = claim("CLAIMED", null, LONGEST_CALL.minusMillis(1));
        assertThat(rules.nextStep(postgresClaim)).isEqualTo(RefundStep.WAIT_FOR_CALL);
        Map<String, Object> h2Claim = claim("CLAIMED", null);
        h2Claim.put("claimed_at", NOW.atOffset(ZoneOffset.UTC));
        h2Claim.put("ledger_now", NOW.atOffset(ZoneOffset.UTC));
        assertThat(rules.nextStep(h2Claim)).isEqualTo(RefundStep.WAIT_FOR_CALL);

        assertThatThrownBy(() -> rules.waitForCall(refund, postgresClaim)).isInstanceOf(RefundInProgressException.class)
                .hasMessageContaining("refund-1").hasMessageContaining("2026-12-02T09:59:40.001Z");
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
        return claim(status, seqrReference, Duration.ZERO);
    }

    /** A claim made {@code age} before the ledger's now, with the Timestamps PostgreSQL's driver gives. */
    private static Map<String, Object> claim(String status, String seqrReference, Duration age) {
        Map<String, Object> claim = new HashMap<>();
        claim.put("status", status);
        claim.put("seqr_ers_reference", seqrReference);
        claim.put("claimed_at", Timestamp.from(NOW.minus(age)));
        claim.put("ledger_now", Timestamp.from(NOW));
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
