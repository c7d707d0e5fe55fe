package com.seqrbackoffice.refunds;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.seqrbackoffice.payments.InvalidMessageException;
import com.seqrbackoffice.payments.LedgerTime;
import com.seqrbackoffice.payments.Money;
import com.seqrbackoffice.payments.Payment;
import com.seqrbackoffice.payments.PaymentStatus;
import com.seqrbackoffice.seqr.client.SeqrInvoice;
import com.seqrbackoffice.seqr.client.SeqrInvoiceRow;

/**
 * What a refund may do, checked against the ledger before SEQR is called. The refund claim ({@code refunds} row)
 * is the refund's idempotency key and the record of whether SEQR was asked.
 */
public final class RefundRules {

    private final String title;
    private final Duration longestCall;

    /**
     * {@code longestCall}: the longest a refundPayment call and the ledger write after its answer may take; a claim
     * without SEQR's answer younger than that may belong to a delivery still waiting for it.
     */
    public RefundRules(String title, Duration longestCall) {
        this.title = title;
        this.longestCall = longestCall;
    }

    /** The payment a refund names: it must exist, be PAID and be in the refund's currency. */
    public Payment forRefund(List<Map<String, Object>> rows, RefundRequest refund) {
        String named = refund.orderId() != null ? "order " + refund.orderId() : "invoice " + refund.invoiceReference();
        if (rows == null || rows.isEmpty()) {
            throw new InvalidMessageException("UNKNOWN_ORDER", named + " has no payment");
        }
        if (rows.size() > 1) {
            throw new InvalidMessageException("AMBIGUOUS_PAYMENT", "order " + refund.orderId() + " and invoice "
                    + refund.invoiceReference() + " name different payments");
        }
        Payment payment = Payment.fromRow(rows.get(0));
        if (payment.status() != PaymentStatus.PAID) {
            throw new InvalidMessageException("PAYMENT_NOT_PAID",
                    "order " + payment.orderId() + " cannot be refunded: its payment is " + payment.status());
        }
        if (!payment.currency().equals(refund.amount().currency())) {
            throw new InvalidMessageException("CURRENCY_MISMATCH", "refund " + refund.amount()
                    + " is not in the payment's currency " + payment.currency());
        }
        return payment;
    }

    /**
     * What the refund route does with a refund id, from its claim ({@code refunds} row with the ledger's time as
     * {@code ledger_now}, null if there is none): SEQR has no query for refunds and does no idempotency, so a claim
     * whose call may have reached SEQR is never sent again. A claim younger than the longest call may be another
     * delivery's that is still waiting for SEQR (a copy of the message, or the first delivery running on after a
     * broker failover handed the message to a second consumer): this one waits for its outcome.
     */
    public RefundStep nextStep(Map<String, Object> claim) {
        if (claim == null) {
            return RefundStep.CLAIM_AND_REFUND;
        }
        Object status = claim.get("status");
        if ("REFUNDED".equals(status)) {
            return RefundStep.ANNOUNCE_AGAIN;
        }
        if ("REFUSED".equals(status)) {
            return RefundStep.REFUSE_AS_REFUSED;
        }
        if ("CLAIMED".equals(status) && claim.get("seqr_ers_reference") != null) {
            return RefundStep.RECORD_SEQR_ANSWER;
        }
        if ("CLAIMED".equals(status) && mayBeWaitingForSeqr(claim)) {
            return RefundStep.WAIT_FOR_CALL;
        }
        return RefundStep.REFUSE_AS_UNKNOWN;
    }

    private boolean mayBeWaitingForSeqr(Map<String, Object> claim) {
        Instant claimedAt = LedgerTime.instant(claim.get("claimed_at"));
        Instant now = LedgerTime.instant(claim.get("ledger_now"));
        return Duration.between(claimedAt, now).compareTo(longestCall) < 0;
    }

    /** A claim another delivery may still be calling SEQR for: rolled back, to look again after the broker's delay. */
    public void waitForCall(RefundRequest refund, Map<String, Object> claim) {
        throw new RefundInProgressException("refund " + refund.refundId() + " of order " + refund.orderId()
                + " was claimed at " + LedgerTime.instant(claim.get("claimed_at")) + " by a delivery that may still be"
                + " waiting for SEQR's answer; its outcome is looked at again on redelivery");
    }

    /**
     * The values of the refund statements a route and {@code ReportSettlement} share ({@code sql/refunds},
     * {@code sql/ledger-entries/insert-refund.sql}), as the body camel-sql reads named parameters from: the refund
     * route books no report ({@code reportPk} null).
     */
    public Map<String, Object> claimValues(String refundId, String ersReference, String failure) {
        Map<String, Object> values = new HashMap<>();
        values.put("refundId", refundId);
        values.put("ersReference", ersReference);
        values.put("failure", failure);
        values.put("reportPk", null);
        return values;
    }

    /**
     * Σ refunds ≤ captured, in the ledger: {@code captured} is the payment's CAPTURE entries, {@code refunded}
     * its REFUND entries and {@code pending} the claims whose outcome is not known yet (they may have happened).
     * Returns the refusal (thrown by {@link #refuse}) or null when the refund fits.
     */
    public InvalidMessageException refusal(RefundRequest refund, BigDecimal captured, BigDecimal refunded,
                                           BigDecimal pending) {
        BigDecimal left = captured.subtract(refunded).subtract(pending);
        if (refund.amount().value().compareTo(left) <= 0) {
            return null;
        }
        String currency = refund.amount().currency();
        return new InvalidMessageException("REFUND_EXCEEDS_CAPTURED", "refund " + refund.amount()
                + " is above what is left to refund of order " + refund.orderId() + ": " + new Money(left, currency)
                + " (captured " + new Money(captured, currency) + ", refunded " + new Money(refunded, currency)
                + (pending.signum() == 0 ? "" : ", in progress " + new Money(pending, currency)) + ")");
    }

    public void refuse(InvalidMessageException refusal) {
        throw refusal;
    }

    /** A refund claimed earlier whose SEQR outcome is unknown is never sent again: it is resolved first. */
    public void refuseUnknownOutcome(RefundRequest refund, String claimStatus) {
        throw new InvalidMessageException("REFUND_OUTCOME_UNKNOWN", "refund " + refund.refundId() + " of order "
                + refund.orderId() + " was sent to SEQR without a known answer (" + claimStatus + "); it is not sent"
                + " again until the reconciliation report or an operator settles it");
    }

    /** A refund id SEQR already refused stays refused; a new attempt needs a new refund id. */
    public void refuseRepeatOfRefused(RefundRequest refund, String failure) {
        throw new InvalidMessageException("REFUND_REFUSED", "refund " + refund.refundId() + " was refused: " + failure);
    }

    /** refundPayment's invoice: one row, its total the refund. */
    public SeqrInvoice refundInvoice(Payment payment, RefundRequest refund) {
        String description = refund.reason() == null || refund.reason().isBlank() ? title : refund.reason();
        return new SeqrInvoice(refund.refundId(), title, refund.amount().currency(), refund.amount().value(),
                List.of(new SeqrInvoiceRow(description, null, BigDecimal.ONE, refund.amount().value(), null)),
                null, null, null);
    }

    /** Re-throws what a doCatch caught, after the claim has been updated, so the error policy sees the original. */
    public void rethrow(Exception caught) throws Exception {
        throw caught;
    }
}
