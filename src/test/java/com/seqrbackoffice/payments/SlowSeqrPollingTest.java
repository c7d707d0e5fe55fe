package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.seqr.emulator.StatusPollIntervals;
import com.seqrbackoffice.testing.FlowTestSupport;

/**
 * Polls at SEQR's pace against a SEQR that answers every call in 300 ms: 300 payments wait for their customer, each
 * polled every 500 ms. That is 375 polls a second, about 110 of them waiting for SEQR at any moment: on the 12
 * platform consumers there were before, the interval would grow to about 7.5 s. The consumers are virtual threads,
 * none of them pins its carrier while it waits (JFR's jdk.VirtualThreadPinned), and those the polls added end once
 * no poll is due. Then SEQR stalls on one poll in ten, past the app's receive timeout: those payments are asked again
 * at their next poll, and the others keep their interval.
 * <p>
 * The bounds tell those designs apart with room for a crowded CI machine (CI measured a held p99 of 1.3 s on one
 * 2-core machine and 2.4 s on a slower one); how fast the product polls is the benchmark's to show
 * (docs/performance.md).
 */
class SlowSeqrPollingTest extends FlowTestSupport {

    private static final int WAITING = 300;
    private static final long POLL_INTERVAL_MS = 500;
    private static final Duration SEQR_LATENCY = Duration.ofMillis(300);
    /** A poll's interval with SEQR's answer in it, when the machine has the CPU for it. */
    private static final long DUE_INTERVAL_MS = POLL_INTERVAL_MS + SEQR_LATENCY.toMillis();
    /** Well below the 7.5 s that polls bound by 12 threads would show, and above what a crowded machine adds. */
    private static final long LOADED_MACHINE_ROOM_MS = 3_000;
    private static final List<RecordedEvent> PINNED = new CopyOnWriteArrayList<>();
    private static RecordingStream pinning;

    @BeforeAll
    static void start() {
        pinning = new RecordingStream();
        pinning.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ofMillis(20)).withStackTrace();
        pinning.onEvent("jdk.VirtualThreadPinned", PINNED::add);
        pinning.startAsync();
        startAppWithSeparateEmulator(Map.of(
                "seqr.poll.interval-ms", String.valueOf(POLL_INTERVAL_MS),
                "broker.surplus-consumer-idle-receives", "2",
                "payment.confirmation-timeout-seconds", "600"));
    }

    @AfterAll
    static void stopRecording() {
        pinning.close();
    }

    @Test
    void paymentsWaitingForTheirCustomerArePolledAtTheirIntervalAgainstASlowSeqr() throws Exception {
        // SEQR keeps one open invoice per registered terminal: each waiting payment needs a terminal of its own
        List<String> terminals = new ArrayList<>();
        for (int i = 0; i < WAITING; i++) {
            String terminalId = unique("till");
            terminals.add(terminalId);
            till.send(queue("terminal-commands"), """
                    {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till %d"}
                    """.formatted(unique("c"), terminalId, i));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> count("terminals", "REGISTERED", "terminal_id", terminals)
                == WAITING);
        // from here SEQR is far away: terminal commands have one consumer (a till's commands keep their order), so
        // 300 registrations at 300 ms would take the test's whole time
        emulator().setLatency(SEQR_LATENCY);
        List<String> orders = new ArrayList<>();
        for (String terminal : terminals) {
            String orderId = unique("order");
            orders.add(orderId);
            till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "25.00"));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> count("payments", "ISSUED", "order_id", orders) == WAITING);
        // the claim is about polling: the first ledger inserts of a JVM load H2's classes, and on a crowded machine a
        // class loaded in a virtual thread can hold its carrier for 20 ms once
        PINNED.clear();
        StatusPollIntervals intervals = emulator().pollIntervals();
        intervals.restart();
        Thread.sleep(6_000);
        StatusPollIntervals.Window window = intervals.window();
        int pollConsumers = broker().consumerCount(queue("status-polls"));

        double[] sorted = sorted(window.intervalsMs());
        double p99 = p99(sorted);
        double pollsPerSecond = window.polls() / 6.0;
        List<String> platformConsumers = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("JmsConsumer[")).toList();
        System.out.printf("SlowSeqrPollingTest: %d payments waiting, SEQR at 300 ms, poll every %d ms: %.0f polls/s,"
                + " interval p50 %.0f, p99 %.0f, max %.0f ms; %d poll consumers; %d pinned virtual threads%n", WAITING,
                POLL_INTERVAL_MS, pollsPerSecond, percentile(sorted, 0.5), p99, percentile(sorted, 1),
                pollConsumers, PINNED.size());

        assertThat(p99).as("p99 of the poll interval, ms").isLessThan(DUE_INTERVAL_MS + LOADED_MACHINE_ROOM_MS);
        assertThat(pollsPerSecond).as("polls per second").isGreaterThan(WAITING / 1.6);
        assertThat(platformConsumers).as("JMS consumers on platform threads").isEmpty();
        assertThat(PINNED).as("virtual threads pinned to their carrier for 20 ms or more: %s",
                PINNED.stream().findFirst().map(event -> event.getStackTrace().toString()).orElse("")).isEmpty();

        // SEQR holds one answer in ten past the receive timeout: the app gives up on that call and polls again
        long receiveTimeoutMs = Long.parseLong(app.setting("seqr.receive-timeout-ms"));
        emulator().setFault(FaultSpec.dropResponse("getPaymentStatus", 2 * receiveTimeoutMs, null).onShare(0.1));
        intervals.window();
        Thread.sleep(6_000);
        StatusPollIntervals.Window stalled = intervals.window();
        emulator().clearFaults();
        double[] answered = sorted(stalled.intervalsMs());
        double[] retries = sorted(stalled.intervalsAfterLateAnswerMs());
        System.out.printf("SlowSeqrPollingTest: 10 %% of polls stalled for %d ms: %d of %d polls answered late, %d"
                + " retried: retry interval p50 %.0f, p99 %.0f ms; interval after an answered poll p99 %.0f ms%n",
                2 * receiveTimeoutMs, stalled.lateAnswers(), stalled.polls(), retries.length, percentile(retries, 0.5),
                p99(retries), p99(answered));

        assertThat(stalled.lateAnswers()).as("polls answered after the receive timeout").isGreaterThan(stalled.polls() / 20);
        // a stall in the window's last receive timeout + interval has not been retried yet when it closes
        assertThat(retries.length).as("stalled polls asked again").isGreaterThan((int) (stalled.lateAnswers() / 2));
        // due at the receive timeout + the poll interval
        assertThat(p99(retries)).as("p99 from a stalled poll to its retry, ms")
                .isLessThan(receiveTimeoutMs + POLL_INTERVAL_MS + LOADED_MACHINE_ROOM_MS);
        assertThat(p99(answered)).as("p99 of the poll interval after an answered poll, ms")
                .isLessThan(DUE_INTERVAL_MS + LOADED_MACHINE_ROOM_MS);

        // the customers answer and polling stops: the consumers the polls needed end, down to the minimum
        emulator().invoicesWaitingForCustomer().forEach(invoice -> emulator().confirm(invoice.invoiceReference()));
        await().atMost(Duration.ofSeconds(60)).until(() -> count("payments", "RESERVED", "order_id", orders) == WAITING);
        int minimum = Integer.parseInt(app.setting("seqr.poll.consumers"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(broker().consumerCount(queue("status-polls")))
                .as("poll consumers once no poll is due").isLessThanOrEqualTo(minimum));
    }

    private static double[] sorted(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double p99(double[] sorted) {
        return percentile(sorted, 0.99);
    }

    /** NaN for no values, which fails every comparison the test makes. */
    private static double percentile(double[] sorted, double share) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)];
    }

    private static long count(String table, String status, String key, List<String> ids) {
        return ((Number) rows("select count(*) as n from " + table + " where status = '" + status + "' and " + key
                + " in (" + String.join(",", ids.stream().map(id -> "'" + id + "'").toList()) + ")")
                .get(0).get("n")).longValue();
    }
}
