package com.seqrbackoffice.payments;

import java.time.Clock;

/** When a delayed message is due, as the broker's scheduled-delivery time (epoch milliseconds). */
public final class PollSchedule {

    private final Clock clock;

    public PollSchedule(Clock clock) {
        this.clock = clock;
    }

    public long dueIn(long delayMillis) {
        return clock.millis() + delayMillis;
    }
}
