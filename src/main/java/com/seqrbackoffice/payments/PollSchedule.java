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

    /**
     * When the status poll after one that began at {@code pollStarted} (epoch milliseconds: the poll, or for a
     * payment's first poll the payment request, taken from the queue) is due: one interval later, so that SEQR's
     * answer time and the route's own do not add to the interval. A poll that waited in the queue delays the next
     * one as much, so that a busy instance polls less often instead of keeping a queue of polls that are due. The
     * time is rounded to the nearest multiple of {@code tickMillis}: the broker releases the polls due at one moment
     * together, and each release walks every consumer of the queue (Artemis resets their iterators). Rounded to the
     * nearest, not up, so that the ticks leave the interval one interval on average (up, they added half a tick).
     */
    public long nextPollDue(long pollStarted, long intervalMillis, long tickMillis) {
        return Math.floorDiv(pollStarted + intervalMillis + tickMillis / 2, tickMillis) * tickMillis;
    }
}
