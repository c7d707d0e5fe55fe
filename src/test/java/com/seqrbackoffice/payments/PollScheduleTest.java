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
    void dueTimesOffTheTickAreRoundedUp() {
        long started = STARTED + 7;

        assertThat(schedule.nextPollDue(started, 1000, 50) % 50).isZero();
        assertThat(schedule.nextPollDue(started, 1000, 50)).isEqualTo(STARTED + 1050);
    }

    @Test
    void aTickOfOneMillisecondKeepsTheExactTime() {
        assertThat(schedule.nextPollDue(STARTED + 7, 1000, 1)).isEqualTo(STARTED + 1007);
    }
}
