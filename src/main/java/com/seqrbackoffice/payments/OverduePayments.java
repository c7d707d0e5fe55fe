package com.seqrbackoffice.payments;

/**
 * What the hold sweep does with a payment past its deadline: a RESERVED one past its commit deadline, or an
 * ISSUED one past its confirmation deadline, which a live status poll would have canceled (so its poll was lost:
 * dead-lettered after a long outage, a permanent code, an unregistered terminal). The sweep first asks SEQR with
 * getPaymentStatus; this rule decides from the answer.
 */
public final class OverduePayments {

    /** What the sweep does next. */
    public enum Action {
        /** SEQR's status is the news: record it (a hold that ends is released). */
        RECORD_SEQR_STATUS,
        /** Still waiting for the customer at SEQR, past the confirmation deadline: cancelInvoice, then CANCELED. */
        CANCEL_AT_SEQR,
        /** SEQR cannot be asked about it any more: the ledger ends it by itself (a hold is released). */
        END_IN_LEDGER,
        /** Nothing to do yet; the next sweep asks again. */
        ASK_AGAIN
    }

    /**
     * @param newStatus the status to record (RECORD_SEQR_STATUS, CANCEL_AT_SEQR once canceled, END_IN_LEDGER) or null
     * @param reason    why, for the status history and the event
     */
    public record Outcome(Action action, String newStatus, String reason) {
    }

    /**
     * @param payment     the payment as the ledger has it: RESERVED past its commit deadline, or ISSUED past its
     *                    confirmation deadline (the sweep selects no other)
     * @param seqrStatus  SEQR's status of the invoice, or null when SEQR did not answer
     * @param seqrRefusal why SEQR cannot be asked (the terminal is not registered, SEQR refuses the terminal's
     *                    credentials or does not know the invoice), or null
     */
    public Outcome decide(Payment payment, String seqrStatus, Throwable seqrRefusal) {
        boolean reserved = payment.status() == PaymentStatus.RESERVED;
        if (seqrRefusal != null) {
            if (reserved && payment.fulfilmentMessageId() != null) {
                // a commit was claimed and may have reached SEQR: the reconciliation report settles it, not a guess
                return new Outcome(Action.ASK_AGAIN, null, null);
            }
            // SEQR reverses a hold nobody polls and expires one past its deadline: no money stays held there
            return new Outcome(Action.END_IN_LEDGER, reserved ? "EXPIRED" : "CANCELED",
                    (reserved ? "the hold passed its deadline " + payment.commitDeadline()
                            : "the customer did not confirm by " + payment.confirmDeadline())
                            + " and SEQR cannot be asked about it: "
                            + PaymentEvents.meaningfulCause(seqrRefusal).getMessage());
        }
        if (seqrStatus == null) {
            return new Outcome(Action.ASK_AGAIN, null, null);
        }
        switch (seqrStatus) {
            case "CANCELED", "EXPIRED", "FAILED" -> {
                return new Outcome(Action.RECORD_SEQR_STATUS, seqrStatus, reserved
                        ? "the hold was not committed by its deadline " + payment.commitDeadline()
                        : "SEQR ended the invoice while its status poll was lost");
            }
            case "RESERVED" -> {
                // the customer confirmed while nobody polled: record it now (this poll also acknowledges it)
                return reserved ? new Outcome(Action.ASK_AGAIN, null, null)
                        : new Outcome(Action.RECORD_SEQR_STATUS, "RESERVED", null);
            }
            case "ISSUED", "PENDING_ISSUER_ACKNOWLEDGE" -> {
                return reserved ? new Outcome(Action.ASK_AGAIN, null, null)
                        : new Outcome(Action.CANCEL_AT_SEQR, "CANCELED",
                        "the customer did not confirm by " + payment.confirmDeadline());
            }
            // PAID: the fulfilment that committed it, or the reconciliation report, records it
            default -> {
                return new Outcome(Action.ASK_AGAIN, null, null);
            }
        }
    }
}
