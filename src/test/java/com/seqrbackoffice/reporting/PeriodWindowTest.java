package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.reporting.PeriodWindow.Mark;
import com.seqrbackoffice.reporting.PeriodWindow.Placement;

/**
 * A period that the ledger claimed at 10:00:00 and saw marked at 10:00:01 (its previous one at 09:00:00 and
 * 09:00:01), with a settle window of 60 s: one test per placement and per neighbour's state.
 */
class PeriodWindowTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Mark PREVIOUS = new Mark(at("09:00:00"), at("09:00:01"), false);
    private static final Mark CURRENT = new Mark(at("10:00:00"), at("10:00:01"), false);

    @Test
    void anEntryBetweenTheTwoMarkWindowsIsOursAndMissingIfSeqrDoesNotShowIt() {
        PeriodWindow window = new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE);

        assertThat(window.place(at("09:30:00"))).isEqualTo(Placement.OURS);
        assertThat(window.missingHere(at("09:30:00"))).isTrue();
    }

    @Test
    void anEntryInThePreviousMarkWindowIsMissingHereOnlyOnceThePreviousPeriodIsReconciled() {
        Instant recorded = at("09:00:30");

        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE).place(recorded))
                .isEqualTo(Placement.SHARED_WITH_PREVIOUS);
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE).missingHere(recorded)).isFalse();
        assertThat(new PeriodWindow(new Mark(PREVIOUS.claimedAt(), PREVIOUS.markedAt(), true), CURRENT, false, SETTLE)
                .missingHere(recorded)).isTrue();
    }

    @Test
    void anEntryInThisMarkWindowIsMissingHereOnlyOnceTheNextPeriodIsReconciled() {
        Instant recorded = at("10:00:30");

        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE).place(recorded))
                .isEqualTo(Placement.SHARED_WITH_NEXT);
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE).missingHere(recorded)).isFalse();
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, true, SETTLE).missingHere(recorded)).isTrue();
    }

    @Test
    void anEntryRecordedJustBeforeTheClaimMayBeTheNextPeriods() {
        // a commit recorded in the transaction that held the payment's lock across the SEQR call bears its start
        Instant recorded = at("09:59:30");

        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE).place(recorded))
                .isEqualTo(Placement.SHARED_WITH_NEXT);
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, false, SETTLE).missingHere(recorded)).isFalse();
        assertThat(new PeriodWindow(PREVIOUS, CURRENT, true, SETTLE).missingHere(recorded)).isTrue();
        assertThat(new PeriodWindow(CURRENT, new Mark(at("11:00:00"), at("11:00:01"), false), false, SETTLE)
                .place(recorded)).as("for the next period").isEqualTo(Placement.SHARED_WITH_PREVIOUS);
    }

    @Test
    void anEntryBeforeThePreviousMarkOrAfterThisSettleWindowIsNotThisPeriods() {
        PeriodWindow window = new PeriodWindow(PREVIOUS, CURRENT, true, SETTLE);

        assertThat(window.place(at("08:58:59"))).isEqualTo(Placement.OUTSIDE);
        assertThat(window.place(at("10:01:02"))).isEqualTo(Placement.OUTSIDE);
        assertThat(window.missingHere(at("10:01:02"))).isFalse();
        assertThat(window.from()).isEqualTo(at("08:59:00"));
        assertThat(window.to()).isEqualTo(at("10:01:01"));
    }

    @Test
    void theFirstPeriodOfAScopeAnswersForEverythingBeforeIt() {
        PeriodWindow first = new PeriodWindow(null, CURRENT, false, SETTLE);

        assertThat(first.from()).isNull();
        assertThat(first.place(at("00:00:01"))).isEqualTo(Placement.OURS);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-27T" + time + "Z");
    }
}
