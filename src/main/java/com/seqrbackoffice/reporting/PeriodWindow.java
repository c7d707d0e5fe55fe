package com.seqrbackoffice.reporting;

import java.time.Duration;
import java.time.Instant;

/**
 * Which ledger entries a SEQR period of one scope answers for, by when the ledger recorded them. SEQR cut the period
 * at some moment between the ledger's claim of the mark ({@code claimedAt}, before markTransactionPeriod was called)
 * and its {@code markedAt} (after SEQR answered); and the ledger's time of a payment is up to {@code settle} away from
 * SEQR's: later for an entry recorded after SEQR answered, earlier for one recorded in a ledger transaction that
 * began before the SEQR call (a commit under its payment's row lock: the database's clock is the transaction's
 * start). So an entry recorded from {@code claimedAt - settle} to {@code markedAt + settle} may be in this period or
 * the next, and one recorded from the previous period's {@code claimedAt - settle} to its {@code markedAt + settle}
 * in that one or this.
 * <p>
 * An entry that SEQR's report of this period does not show is missing here only where it cannot be the neighbour's,
 * or where the neighbour has already been reconciled without it. That way periods reconciled in any order (a report
 * fetched late, an earlier one retried) take each entry once and report nothing missing that the other has.
 * <p>
 * A mark whose answer the ledger never got (the app stopped while SEQR answered) leaves a period SEQR may have cut
 * whose id, and so whose report, the ledger does not have. An entry missing here that may be in that period is
 * said so ({@link #unansweredMarkThatMayHold}) rather than missing at SEQR: the money may well be at SEQR.
 *
 * @param previous         the period of the same scope marked before this one, or null for the scope's first
 * @param nextReconciled   the period marked after this one is already reconciled
 * @param unansweredBefore the last unanswered mark between the previous period's and this one's, or null
 * @param unansweredAfter  the first unanswered mark between this period's and the next one's, or null
 */
public record PeriodWindow(Mark previous, Mark current, boolean nextReconciled, Duration settle,
                           Unanswered unansweredBefore, Unanswered unansweredAfter) {

    /** One period's mark as the ledger recorded it, and whether it is reconciled yet. */
    public record Mark(Instant claimedAt, Instant markedAt, boolean reconciled) {

        /** The first moment an entry of the other side of this mark may carry. */
        Instant windowStart(Duration settle) {
            return claimedAt.minus(settle);
        }
    }

    /**
     * A claim of a mark that SEQR's answer never reached: SEQR may have cut a period at any moment from
     * {@code claimedAt} to {@code latestCut} (the claim plus the longest the call could take).
     */
    public record Unanswered(String periodKey, Instant claimedAt, Instant latestCut) {
    }

    /** Where an entry recorded at some moment stands for this period. */
    public enum Placement {
        /** Before the previous period's mark, or after this one's settle window: not this period's. */
        OUTSIDE,
        /** In the previous period's mark window: this period's or the previous one's. */
        SHARED_WITH_PREVIOUS,
        /** Between the two mark windows: this period's and no other's. */
        OURS,
        /** In this period's mark window: this period's or the next one's. */
        SHARED_WITH_NEXT
    }

    /** Entries recorded after this (exclusive; null: no bound) may be this period's. */
    public Instant from() {
        return previous == null ? null : previous.windowStart(settle);
    }

    /** Entries recorded up to this (inclusive) may be this period's. */
    public Instant to() {
        return current.markedAt().plus(settle);
    }

    public Placement place(Instant recordedAt) {
        if (recordedAt.isAfter(to()) || (from() != null && !recordedAt.isAfter(from()))) {
            return Placement.OUTSIDE;
        }
        if (previous != null && !recordedAt.isAfter(previous.markedAt().plus(settle))) {
            return Placement.SHARED_WITH_PREVIOUS;
        }
        return recordedAt.isBefore(current.windowStart(settle)) ? Placement.OURS : Placement.SHARED_WITH_NEXT;
    }

    /** Whether an entry recorded then, which SEQR's report of this period does not show, is missing at SEQR here. */
    public boolean missingHere(Instant recordedAt) {
        return switch (place(recordedAt)) {
            case OURS -> true;
            case SHARED_WITH_PREVIOUS -> previous.reconciled();
            case SHARED_WITH_NEXT -> nextReconciled;
            case OUTSIDE -> false;
        };
    }

    /**
     * For an entry missing here (see {@link #missingHere}), the unanswered mark whose period may hold it, or null if
     * none may: one before this period's holds what SEQR made up to its latest cut, one after it what falls in this
     * period's mark window.
     */
    public Unanswered unansweredMarkThatMayHold(Instant recordedAt) {
        Placement placement = place(recordedAt);
        if (unansweredBefore != null && placement != Placement.OUTSIDE
                && !recordedAt.isAfter(unansweredBefore.latestCut().plus(settle))) {
            return unansweredBefore;
        }
        return unansweredAfter != null && placement == Placement.SHARED_WITH_NEXT ? unansweredAfter : null;
    }
}
