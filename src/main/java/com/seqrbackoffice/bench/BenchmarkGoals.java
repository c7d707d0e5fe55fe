package com.seqrbackoffice.bench;

/**
 * What a benchmark run must show (issue 13), by SEQR's latency: the further SEQR is, the more the poll interval may
 * spread. A goal that is null does not apply to the run.
 *
 * @param heldPollP99Ms       p99 of the poll interval while the payments wait for their customer; with stalled
 *                            polls, of the intervals after an answered poll (the payments the stall did not hit)
 * @param confirmingPollP99Ms p99 of the poll interval while the customers confirm
 * @param endToEndRatio       end-to-end payments per second over the combined limit of the parts
 * @param retryP99Ms          with stalled polls: p99 of the interval from a poll answered too late to the next poll
 *                            of that payment (its retry)
 */
record BenchmarkGoals(double heldPollP99Ms, Double confirmingPollP99Ms, Double endToEndRatio, Double retryP99Ms) {

    // The app's own platform threads and heap, and start to ready, whatever SEQR's latency
    static final int APP_THREADS = 64;
    static final long HEAP_MIB = 512;
    static final long START_TO_READY_MS = 5000;

    /**
     * @param latencyMs     SEQR's answer time on every call
     * @param retryWithinMs with stalled polls, when the next poll of a payment is due after a poll whose answer came
     *                      too late (receive timeout + poll interval); 0 without
     */
    static BenchmarkGoals of(long latencyMs, long retryWithinMs) {
        Double retry = retryWithinMs > 0 ? Double.valueOf(retryWithinMs + 1000) : null;
        if (retryWithinMs > 0) {
            return new BenchmarkGoals(2000, null, null, retry);
        }
        if (latencyMs == 0) {
            return new BenchmarkGoals(1200, null, 0.6, null);
        }
        if (latencyMs <= 100) {
            return new BenchmarkGoals(1500, 2500.0, 0.5, null);
        }
        return new BenchmarkGoals(2000, null, null, null);
    }
}
