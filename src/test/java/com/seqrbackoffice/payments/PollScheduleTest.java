package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final long STARTED = Instant.parse("2026-12-01T12:00:00.150Z").toEpochMilli();
    private final PollSchedule schedule = new PollSchedule(Clock.fixed(Instant.ofEpochMilli(STARTED + 300),
            ZoneOffset.UTC));

    @Test
    void theNextPollIsDueOneIntervalAfterThisOneBeganWhateverSeqrTookToAnswer() {
        assertThat(schedule.nextPollDue(STARTED, 1000, 50)).isEqualTo(STARTED + 1000);
    }

    @Test
    void dueTimesOffTheTickAreRoundedToTheNearestTick() {
        assertThat(schedule.nextPollDue(STARTED + 7, 1000, 50)).isEqualTo(STARTED + 1000);
        assertThat(schedule.nextPollDue(STARTED + 24, 1000, 50)).isEqualTo(STARTED + 1000);
        assertThat(schedule.nextPollDue(STARTED + 25, 1000, 50)).isEqualTo(STARTED + 1050);
        assertThat(schedule.nextPollDue(STARTED + 43, 1000, 50)).isEqualTo(STARTED + 1050);
    }

    @Test
    void overAWholeTickTheIntervalIsOneIntervalOnAverage() {
        long intervals = 0;
        for (int offset = 0; offset < 50; offset++) {
            long due = schedule.nextPollDue(STARTED + offset, 1000, 50);
            assertThat(due % 50).isZero();
            intervals += due - (STARTED + offset);
        }
        assertThat(intervals / 50.0).isBetween(999.0, 1001.0);
    }

    @Test
    void aTickOfOneMillisecondKeepsTheExactTime() {
        assertThat(schedule.nextPollDue(STARTED + 7, 1000, 1)).isEqualTo(STARTED + 1007);
    }
}
