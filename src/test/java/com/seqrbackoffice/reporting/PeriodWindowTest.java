package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.reporting.PeriodWindow.Mark;
import com.seqrbackoffice.reporting.PeriodWindow.Placement;
import com.seqrbackoffice.reporting.PeriodWindow.Unanswered;

/**
 * A period that the ledger claimed at 10:00:00 and saw marked at 10:00:01 (its previous one at 09:00:00 and
 * 09:00:01), with a settle window of 60 s: one test per placement, per neighbour's state and per unanswered mark
 * beside it.
 */
class PeriodWindowTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Mark PREVIOUS = new Mark(at("09:00:00"), at("09:00:01"), false);
    private static final Mark CURRENT = new Mark(at("10:00:00"), at("10:00:01"), false);

    @Test
    void anEntryBetweenTheTwoMarkWindowsIsOursAndMissingIfSeqrDoesNotShowIt() {
        PeriodWindow window = new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE, null, null);

        assertThat(window.place(at("09:30:00"))).isEqualTo(Placement.OURS);
        assertThat(window.missingHere(at("09:30:00"))).isTrue();
    }

    @Test
    void anEntryInThePreviousMarkWindowIsMissingHereOnlyOnceThePreviousPeriodIsReconciled() {
        Instant recorded = at("09:00:30");

        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE, null, null).place(recorded))
                .isEqualTo(Placement.SHARED_WITH_PREVIOUS);
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE, null, null).missingHere(recorded)).isFalse();
        assertThat(new PeriodWindow(new Mark(PREVIOUS.claimedAt(), PREVIOUS.markedAt(), true), CURRENT, false, SETTLE, null, null)
                .missingHere(recorded)).isTrue();
    }

    @Test
    void anEntryInThisMarkWindowIsMissingHereOnlyOnceTheNextPeriodIsReconciled() {
        Instant recorded = at("10:00:30");

        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE, null, null).place(recorded))
                .isEqualTo(Placement.SHARED_WITH_NEXT);
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE, null, null).missingHere(recorded)).isFalse();
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, true, SETTLE, null, null).missingHere(recorded)).isTrue();
    }

    @Test
    void anEntryRecordedJustBeforeTheClaimMayBeTheNextPeriods() {
        // a commit recorded in the transaction that held the payment's lock across the SEQR call bears its start
        Instant recorded = at("09:59:30");

        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE, null, null).place(recorded))
                .isEqualTo(Placement.SHARED_WITH_NEXT);
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE, null, null).missingHere(recorded)).isFalse();
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, true, SETTLE, null, null).missingHere(recorded)).isTrue();
        assertThat(new PeriodWindow(CURRENT, new Mark(at("11:00:00"), at("11:00:01"), false), false, SETTLE, null, null)
                .place(recorded)).as("for the next period").isEqualTo(Placement.SHARED_WITH_PREVIOUS);
    }

    @Test
    void anEntryBeforeThePreviousMarkOrAfterThisSettleWindowIsNotThisPeriods() {
        PeriodWindow window = new PeriodWindow(PREVIOUS, CURRENT, true, SETTLE, null, null);

        assertThat(window.place(at("08:58:59"))).isEqualTo(Placement.OUTSIDE);
        assertThat(window.place(at("10:01:02"))).isEqualTo(Placement.OUTSIDE);
        assertThat(window.missingHere(at("10:01:02"))).isFalse();
        assertThat(window.from()).isEqualTo(at("08:59:00"));
        assertThat(window.to()).isEqualTo(at("10:01:01"));
    }

    @Test
    void theFirstPeriodOfAScopeAnswersForEverythingBeforeIt() {
        PeriodWindow first = new PeriodWindow(null, CURRENT, false, SETTLE, null, null);

        assertThat(first.from()).isNull();
        assertThat(first.place(at("00:00:01"))).isEqualTo(Placement.OURS);
    }

    @Test
    void anEntryMissingHereThatAnUnansweredMarkBeforeThisOneMayHoldIsItsUpToItsLatestCut() {
        // claimed at 09:30:00, the app stopped during the call: SEQR may have cut a period up to 09:30:10
        Unanswered lost = new Unanswered("SHOP:09:30", at("09:30:00"), at("09:30:10"));
        PeriodWindow window = new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE, lost, null);

        assertThat(window.unansweredMarkThatMayHold(at("09:20:00"))).isEqualTo(lost);
        assertThat(window.unansweredMarkThatMayHold(at("09:31:10"))).as("within settle of its latest cut").isEqualTo(lost);
        assertThat(window.unansweredMarkThatMayHold(at("09:31:11"))).as("made after SEQR's cut: ours").isNull();
        assertThat(window.unansweredMarkThatMayHold(at("08:58:59"))).as("outside this window").isNull();
    }

    @Test
    void anEntryMissingHereInThisMarkWindowMayBeInAnUnansweredMarkAfterThisOne() {
        Unanswered lost = new Unanswered("SHOP:10:30", at("10:30:00"), at("10:30:10"));
        PeriodWindow window = new PeriodWindow(PREVIOUS, CURRENT, true, SETTLE, null, lost);

        assertThat(window.unansweredMarkThatMayHold(at("10:00:30"))).isEqualTo(lost);
        assertThat(window.unansweredMarkThatMayHold(at("09:30:00"))).as("ours: SEQR cut this period after it").isNull();
    }

    @Test
    void withNoUnansweredMarkBesideItAnEntryMissingHereIsMissingAtSeqr() {
        PeriodWindow window = new PeriodWindow(PREVIOUS, CURRENT, true, SETTLE, null, null);

        assertThat(window.unansweredMarkThatMayHold(at("09:30:00"))).isNull();
        assertThat(window.unansweredMarkThatMayHold(at("10:00:30"))).isNull();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-27T" + time + "Z");
    }
}
