package com.seqrbackoffice.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Whether SEQR's reports settle a refund whose outcome is unknown (its answer was lost, SEQR answered 90, the app
 * stopped during the call). SEQR has no query for refunds, so its reconciliation reports are the only word on it.
 */
public final class SettlementRules {

    /** What the reports say of the refund. */
    public enum RefundOutcome {
        /** A REFUND row of the payment for the amount that no ledger entry holds yet: it was made. */
        MADE,
        /** Every period of the scope that could hold the call is reconciled, and none has it: it was not made. */
        NOT_MADE,
        /** The call may still be under way, or a report that could show it is not reconciled yet. */
        UNDECIDED
    }

    /**
     * A refund claim as the ledger has it.
     *
     * @param claimedAt    when it was claimed (the call to SEQR came after)
     * @param updatedAt    when the claim last changed
     * @param callEnded    the call's end is recorded (OUTCOME_UNKNOWN): it ended by {@code updatedAt}; otherwise
     *                     (CLAIMED) it may have run up to refundPayment's receive timeout after the claim
     * @param madeAtSeqr   SEQR answered with its reference of the refund, so it was made whatever a report shows
     */
    public record RefundClaim(Instant claimedAt, Instant updatedAt, boolean callEnded, boolean madeAtSeqr) {
    }

    private final Duration settle;
    private final Duration callTimeout;

    /**
     * @param settle      how far the ledger's clock and SEQR's may be apart (reconciliation.settle-seconds)
     * @param callTimeout how long a refundPayment call waits for SEQR (seqr.receive-timeout-ms.refund-payment)
     */
    public SettlementRules(Duration settle, Duration callTimeout) {
        this.settle = settle;
        this.callTimeout = callTimeout;
    }

    /**
     * @param rowFound a report row of the scope shows the refund
     * @param periods  the scope's periods, any order (the one being reconciled counts as reconciled)
     * @param now      the reconciliation's time
     */
    public RefundOutcome refund(RefundClaim claim, boolean rowFound, List<PeriodWindow.Mark> periods, Instant now) {
        Instant unknownSince = claim.callEnded() ? claim.updatedAt()
                : latest(claim.updatedAt(), claim.claimedAt().plus(callTimeout));
        if (now.isBefore(unknownSince.plus(settle))) {
            return RefundOutcome.UNDECIDED; // the call may be under way: its own answer will settle it
        }
        if (rowFound) {
            return RefundOutcome.MADE;
        }
        if (claim.madeAtSeqr()) {
            return RefundOutcome.UNDECIDED; // SEQR said it refunded: only its row can settle it
        }
        // the first period SEQR cut after the call surely ended: it or an earlier one holds the refund if made
        PeriodWindow.Mark last = periods.stream()
                .filter(period -> period.claimedAt().isAfter(unknownSince.plus(settle)))
                .min(Comparator.comparing(PeriodWindow.Mark::markedAt)).orElse(null);
        if (last == null) {
            return RefundOutcome.UNDECIDED;
        }
        boolean allReconciled = periods.stream()
                .filter(period -> !period.markedAt().isBefore(claim.claimedAt().minus(settle)))
                .filter(period -> !period.markedAt().isAfter(last.markedAt()))
                .allMatch(PeriodWindow.Mark::reconciled);
        return allReconciled ? RefundOutcome.NOT_MADE : RefundOutcome.UNDECIDED;
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
