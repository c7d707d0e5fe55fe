package com.seqrbackoffice.payments;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.seqrbackoffice.seqr.api.ErswsPaymentStatusResponse;
import com.seqrbackoffice.seqr.api.InvoiceStatus;

/**
 * What a command may do to a payment in its current ledger state. Each check returns the payment or refuses
 * the command with the reason the till or order system is told.
 */
public final class PaymentRules {

    private final boolean allowOverCommit;
    private final Duration maxFulfilmentWait;
    private final Clock clock;

    public PaymentRules(boolean allowOverCommit, Duration maxFulfilmentWait, Clock clock) {
        this.allowOverCommit = allowOverCommit;
        this.maxFulfilmentWait = maxFulfilmentWait;
        this.clock = clock;
    }

    /** A request for an order that already has a payment is a repeat of the same message, or refused. */
    public Payment repeatedRequest(Map<String, Object> row, PaymentRequest request) {
        Payment payment = Payment.fromRow(row);
        if (!payment.requestMessageId().equals(request.messageId())) {
            throw new InvalidMessageException("ORDER_ALREADY_HAS_PAYMENT", "order " + request.orderId()
                    + " already has a payment (request " + payment.requestMessageId() + ", " + payment.status() + ")");
        }
        return payment;
    }

    /**
     * What a fulfilment does with its order's payment row (null: no payment). A RESERVED payment is committed if
     * it is in the fulfilment's currency, the final amount is at most the reserved one (unless over-commit is
     * allowed) and no other fulfilment message has claimed the commit; an ISSUED one that passes the same checks
     * waits. Applied before the payment's row lock and again under it.
     */
    public FulfilmentOutcome fulfilmentOutcome(Map<String, Object> row, Fulfilment fulfilment) {
        if (row == null) {
            return FulfilmentOutcome.REFUSE;
        }
        Payment payment = Payment.fromRow(row);
        return switch (payment.status()) {
            case PAID -> fulfilment.messageId().equals(payment.fulfilmentMessageId())
                    ? FulfilmentOutcome.ALREADY_PAID : FulfilmentOutcome.REFUSE;
            case CANCELED, EXPIRED, FAILED -> FulfilmentOutcome.ENDED;
            case ISSUED -> amountRefusal(payment, fulfilment) == null ? FulfilmentOutcome.WAIT : FulfilmentOutcome.REFUSE;
            case RESERVED -> amountRefusal(payment, fulfilment) == null && !claimedByAnother(payment, fulfilment)
                    ? FulfilmentOutcome.COMMIT : FulfilmentOutcome.REFUSE;
        };
    }

    /**
     * Refuses a fulfilment whose outcome is ENDED or REFUSE, with the reason the order system is told: no payment,
     * paid already, ended, the currency or the amount, or another fulfilment message has claimed the commit.
     */
    public void refuseFulfilment(Map<String, Object> row, Fulfilment fulfilment) {
        Payment payment = existing(row, fulfilment.orderId());
        throw switch (payment.status()) {
            case PAID -> new InvalidMessageException("ORDER_ALREADY_PAID",
                    "order " + payment.orderId() + " is already paid (" + payment.finalMoney() + ")");
            case CANCELED, EXPIRED, FAILED -> new InvalidMessageException("PAYMENT_NOT_RESERVED",
                    "order " + payment.orderId() + " cannot be fulfilled: its payment is " + payment.status());
            case ISSUED, RESERVED -> {
                InvalidMessageException refusal = amountRefusal(payment, fulfilment);
                yield refusal != null ? refusal : new InvalidMessageException("ORDER_ALREADY_FULFILLED", "order "
                        + fulfilment.orderId() + " is already being fulfilled by message " + payment.fulfilmentMessageId());
            }
        };
    }

    /**
     * What SEQR made of a commit: its status after the commit ({@code NOT_RESERVED} when SEQR refused it as
     * no longer reserved and its status could not be read), or the failure of a SEQR call.
     */
    public CommitOutcome commitOutcome(String seqrStatus, Exception failure) {
        if (failure != null) {
            return CommitOutcome.FAILED;
        }
        return switch (seqrStatus) {
            case "PAID" -> CommitOutcome.PAID;
            case "CANCELED", "EXPIRED", "FAILED" -> CommitOutcome.ENDED_AT_SEQR;
            default -> CommitOutcome.NOT_PAID;
        };
    }

    private InvalidMessageException amountRefusal(Payment payment, Fulfilment fulfilment) {
        Money finalAmount = fulfilment.finalAmount();
        if (!finalAmount.currency().equals(payment.currency())) {
            return new InvalidMessageException("CURRENCY_MISMATCH", "final amount " + finalAmount
                    + " is not in the payment's currency " + payment.currency());
        }
        if (!allowOverCommit && finalAmount.value().compareTo(payment.reservedAmount().value()) > 0) {
            return new InvalidMessageException("FINAL_AMOUNT_ABOVE_RESERVED", "final amount " + finalAmount
                    + " is above the reserved " + payment.reservedAmount());
        }
        return null;
    }

    private static boolean claimedByAnother(Payment payment, Fulfilment fulfilment) {
        return payment.fulfilmentMessageId() != null && !payment.fulfilmentMessageId().equals(fulfilment.messageId());
    }

    /**
     * A fulfilment that came before the customer confirmed waits for the reservation, but not for ever: the customer
     * may never confirm, or the payment's status poll was lost. Returns when this fulfilment began to wait (epoch
     * milliseconds; now at its first wait), which the re-queued message carries; past the bound it is refused.
     */
    public long keepWaiting(Payment payment, Long waitingSince) {
        long now = clock.millis();
        long since = waitingSince == null ? now : waitingSince;
        if (now - since >= maxFulfilmentWait.toMillis()) {
            throw new InvalidMessageException("RESERVATION_NOT_CONFIRMED", "order " + payment.orderId()
                    + " is still " + payment.status() + " after the fulfilment waited " + (now - since) / 1000
                    + " s for the customer's confirmation; send the fulfilment again once the payment is RESERVED");
        }
        return since;
    }

    /** A fulfilment whose reservation SEQR ended (expired, reversed, canceled) cannot be committed any more. */
    public void refuseEndedReservation(String orderId, String seqrStatus) {
        throw new InvalidMessageException("PAYMENT_NOT_RESERVED",
                "order " + orderId + " cannot be fulfilled: SEQR reports its payment " + seqrStatus);
    }

    /**
     * Throws a failure that a transacted sub-route caught and left in a property: thrown there, it would only roll
     * the transaction back and bypass the calling route's error policy (dead letter for a permanent SEQR refusal).
     */
    public void rethrow(Exception failure) throws Exception {
        throw failure;
    }

    /**
     * What a status poll does with SEQR's answer ({@code null}: SEQR did not answer, so the payment is taken as still
     * waiting): {@code ISSUED} and {@code PENDING_ISSUER_ACKNOWLEDGE} wait for the customer until the confirmation
     * deadline (epoch milliseconds) has passed; PAID is a fulfilment's commit, for it to record; any other status is a
     * change; a refusal of the poll ends it. It takes the answer itself, since the poll route reads no field of it on
     * the way (an expression that reads one copies the exchange, at 2,000 polls a second).
     */
    public PollOutcome pollOutcome(ErswsPaymentStatusResponse answer, long confirmDeadline, Exception refusal) {
        if (refusal != null) {
            return PollOutcome.REFUSED;
        }
        InvoiceStatus status = answer == null ? null : answer.getStatus();
        if (status == InvoiceStatus.PAID) {
            return PollOutcome.COMMITTED;
        }
        if (status != null && status != InvoiceStatus.ISSUED && status != InvoiceStatus.PENDING_ISSUER_ACKNOWLEDGE) {
            return PollOutcome.CHANGED;
        }
        return confirmDeadline < clock.millis() ? PollOutcome.CONFIRMATION_OVERDUE : PollOutcome.POLL_AGAIN;
    }

    /** The version the next poll sends: SEQR's in its answer, or the last one seen when it did not answer. */
    public int nextPollVersion(ErswsPaymentStatusResponse answer, int lastVersion) {
        return answer == null ? lastVersion : answer.getVersion();
    }

    /** A cancellation applies to an unpaid payment; a paid one must be refunded instead. */
    public Payment forCancellation(Map<String, Object> row, Cancellation cancellation) {
        Payment payment = existing(row, cancellation.orderId());
        if (payment.status() == PaymentStatus.PAID) {
            throw new InvalidMessageException("PAYMENT_ALREADY_PAID",
                    "order " + payment.orderId() + " is already paid: send a refund instead of a cancellation");
        }
        return payment;
    }

    private static Payment existing(Map<String, Object> row, String orderId) {
        if (row == null) {
            throw new InvalidMessageException("UNKNOWN_ORDER", "order " + orderId + " has no payment");
        }
        return Payment.fromRow(row);
    }
}
