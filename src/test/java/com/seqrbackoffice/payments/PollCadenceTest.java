package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.emulator.StatusPollIntervals;
import com.seqrbackoffice.testing.FlowTestSupport;

/**
 * A waiting payment is polled once per poll interval, counted from when the previous poll began: SEQR's answer time
 * does not add to the interval, as it did when each poll was due one interval after the previous answer.
 */
class PollCadenceTest extends FlowTestSupport {

    private static final long POLL_INTERVAL_MS = 1_000;
    private static final Duration SEQR_LATENCY = Duration.ofMillis(300);

    @BeforeAll
    static void start() {
        startAppWithSeparateEmulator(Map.of(
                "seqr.poll.interval-ms", String.valueOf(POLL_INTERVAL_MS),
                "payment.confirmation-timeout-seconds", "600"));
    }

    @Test
    void aPaymentIsPolledEveryIntervalWhateverSeqrTakesToAnswer() throws Exception {
        String terminal = registeredTerminal();
        emulator().setLatency(SEQR_LATENCY);
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "30.00"));
        awaitStatus(orderId, "ISSUED");
        StatusPollIntervals intervals = emulator().pollIntervals();
        intervals.restart();

        Thread.sleep(6_500);
        double[] sorted = intervals.window().intervalsMs().clone();
        Arrays.sort(sorted);

        assertThat(sorted).as("poll intervals, ms").hasSizeGreaterThanOrEqualTo(3);
        // one interval after the previous answer would be 1,300 ms and more
        assertThat(sorted[sorted.length / 2]).as("median poll interval, ms (%s)", Arrays.toString(sorted))
                .isBetween(900.0, 1_150.0);
    }
}
