package com.seqrbackoffice.seqr.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time between two getPaymentStatus calls of one invoice, as SEQR receives them: the figure its 20-second rule
 * judges, and the one a benchmark of the poll path needs from a SEQR in another process. Off until
 * {@link #restart()}, so that an emulator nobody measures keeps nothing. An interval is filed by the poll it starts
 * from: after a poll whose answer was sent, or after one whose answer a {@code dropResponse} fault held (the caller
 * timed out, so the next poll is its retry).
 */
public final class StatusPollIntervals {

    /** What the polls since the previous window (or the restart) showed. */
    public record Window(long polls, long lateAnswers, double[] intervalsMs, double[] intervalsAfterLateAnswerMs) {
    }

    private record LastPoll(Instant at, boolean lateAnswer) {
    }

    private final Map<String, LastPoll> lastPolls = new ConcurrentHashMap<>();
    private volatile boolean recording;
    private Intervals answered = new Intervals();
    private Intervals afterLate = new Intervals();
    private long polls;
    private long lateAnswers;

    /** Forgets every poll seen so far and records from now on. */
    public synchronized void restart() {
        lastPolls.clear();
        answered = new Intervals();
        afterLate = new Intervals();
        polls = 0;
        lateAnswers = 0;
        recording = true;
    }

    /** Stops recording and forgets what was recorded. */
    public synchronized void stop() {
        recording = false;
        lastPolls.clear();
        answered = new Intervals();
        afterLate = new Intervals();
    }

    public boolean isRecording() {
        return recording;
    }

    /** The intervals that ended since the restart or the previous window; the next window starts now. */
    public synchronized Window window() {
        Window window = new Window(polls, lateAnswers, answered.values(), afterLate.values());
        answered = new Intervals();
        afterLate = new Intervals();
        polls = 0;
        lateAnswers = 0;
        return window;
    }

    void polled(String invoiceReference, Instant at) {
        if (!recording) {
            return;
        }
        LastPoll previous = lastPolls.put(invoiceReference, new LastPoll(at, false));
        synchronized (this) {
            polls++;
            if (previous != null) {
                (previous.lateAnswer() ? afterLate : answered).add(Duration.between(previous.at(), at).toNanos() / 1e6);
            }
        }
    }

    /** The answer to the invoice's latest poll is held back: the caller will not see it in time. */
    void answeredLate(String invoiceReference) {
        if (!recording) {
            return;
        }
        lastPolls.computeIfPresent(invoiceReference, (reference, poll) -> new LastPoll(poll.at(), true));
        synchronized (this) {
            lateAnswers++;
        }
    }

    /** A growing array of milliseconds; callers hold the recorder's lock. */
    private static final class Intervals {
        private double[] values = new double[1024];
        private int size;

        void add(double millis) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = Math.round(millis * 10) / 10.0;
        }

        double[] values() {
            return Arrays.copyOf(values, size);
        }
    }
}
