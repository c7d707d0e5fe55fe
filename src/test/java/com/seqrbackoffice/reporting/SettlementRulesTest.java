package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.reporting.PeriodWindow.Mark;
import com.seqrbackoffice.reporting.SettlementRules.RefundClaim;
import com.seqrbackoffice.reporting.SettlementRules.RefundOutcome;

/**
 * A refund claimed at 10:00:00 whose call ended without a known answer at 10:00:15 (settle window 60 s,
 * refundPayment's receive timeout 15 s), reconciled at 12:30: one test per outcome.
 */
class SettlementRulesTest {

    private static final Instant CLAIMED = at("10:00:00");
    private static final RefundClaim UNKNOWN = new RefundClaim(CLAIMED, at("10:00:15"), true, false);
    private static final Instant NOW = at("12:30:00");
    private static final List<Mark> ALL_RECONCILED = List.of(mark("09:00:00", true), mark("10:00:05", true),
            mark("11:00:00", true), mark("12:00:00", false));
    private final SettlementRules rules = new SettlementRules(Duration.ofSeconds(60), Duration.ofSeconds(15));

    @Test
    void aReportRowOfTheRefundMeansItWasMade() {
        assertThat(rules.refund(UNKNOWN, true, List.of(), NOW)).isEqualTo(RefundOutcome.MADE);
    }

    @Test
    void noRowInEveryReconciledPeriodThatCouldHoldItMeansItWasNotMade() {
        assertThat(rules.refund(UNKNOWN, false, ALL_RECONCILED, NOW)).isEqualTo(RefundOutcome.NOT_MADE);
    }

    @Test
    void aPeriodThatCouldHoldItAndIsNotReconciledLeavesItUndecided() {
        List<Mark> periods = List.of(mark("10:00:05", false), mark("11:00:00", true));

        assertThat(rules.refund(UNKNOWN, false, periods, NOW)).isEqualTo(RefundOutcome.UNDECIDED);
    }

    @Test
    void noPeriodMarkedSurelyAfterTheCallLeavesItUndecided() {
        List<Mark> periods = List.of(mark("10:00:05", true), mark("10:01:00", true));

        assertThat(rules.refund(UNKNOWN, false, periods, NOW)).as("10:01:00 is within the settle window")
                .isEqualTo(RefundOutcome.UNDECIDED);
    }

    @Test
    void aClaimWhoseCallMayStillBeUnderWayIsLeftToItsAnswer() {
        RefundClaim inFlight = new RefundClaim(CLAIMED, CLAIMED, false, false);

        assertThat(rules.refund(inFlight, true, ALL_RECONCILED, at("10:01:00")))
                .as("CLAIMED: the call may run 15 s, and the clocks differ by up to 60 s").isEqualTo(RefundOutcome.UNDECIDED);
        assertThat(rules.refund(inFlight, true, ALL_RECONCILED, at("10:01:16"))).isEqualTo(RefundOutcome.MADE);
    }

    @Test
    void aRefundSeqrAnsweredIsNeverTakenForNotMade() {
        RefundClaim answered = new RefundClaim(CLAIMED, at("10:00:02"), false, true);

        assertThat(rules.refund(answered, false, ALL_RECONCILED, NOW)).isEqualTo(RefundOutcome.UNDECIDED);
        assertThat(rules.refund(answered, true, ALL_RECONCILED, NOW)).isEqualTo(RefundOutcome.MADE);
    }

    private static Mark mark(String claimed, boolean reconciled) {
        Instant at = at(claimed);
        return new Mark(at, at.plusSeconds(1), reconciled);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-27T" + time + "Z");
    }
}
