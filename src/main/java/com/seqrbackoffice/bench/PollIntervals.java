package com.seqrbackoffice.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The time between two getPaymentStatus calls of one invoice, as the SEQR emulator receives them: the figure that
 * SEQR's 20-second rule judges. Fed by {@code SeqrEmulator.onStatusPoll}; {@link #restart()} forgets what came
 * before, so that a phase of the benchmark measures only its own polls, and {@link #window()} splits a phase.
 */
final class PollIntervals {

    private final Map<String, Instant> lastPoll = new ConcurrentHashMap<>();
    private final LongAdder polls = new LongAdder();
    private volatile Samples intervals = new Samples();

    void record(String invoiceReference, Instant at) {
        polls.increment();
        Instant previous = lastPoll.put(invoiceReference, at);
        if (previous != null) {
            intervals.add(Duration.between(previous, at).toNanos() / 1e6);
        }
    }

    void restart() {
        lastPoll.clear();
        intervals = new Samples();
    }

    /**
     * The intervals since the start or the last window, and starts a new window; an interval belongs to the window
     * in which it ends.
     */
    Samples window() {
        Samples ended = intervals;
        intervals = new Samples();
        return ended;
    }

    /** Every poll recorded since the start, restarts included. */
    long polls() {
        return polls.sum();
    }
}
