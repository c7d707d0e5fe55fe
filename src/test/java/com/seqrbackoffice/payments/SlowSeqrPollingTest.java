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

import com.seqrbackoffice.seqr.emulator.StatusPollIntervals;
import com.seqrbackoffice.testing.FlowTestSupport;

/**
 * Polls at SEQR's pace against a SEQR that answers every call in 300 ms: 300 payments wait for their customer, each
 * polled every 500 ms. That is 375 polls a second, about 110 of them waiting for SEQR at any moment: on the 12
 * platform consumers there were before, the interval would grow to about 7.5 s. The consumers are virtual threads,
 * none of them pins its carrier while it waits (JFR's jdk.VirtualThreadPinned), and those the polls added end once
 * no poll is due.
 */
class SlowSeqrPollingTest extends FlowTestSupport {

    private static final int WAITING = 300;
    private static final long POLL_INTERVAL_MS = 500;
    private static final Duration SEQR_LATENCY = Duration.ofMillis(300);
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
        StatusPollIntervals intervals = emulator().pollIntervals();
        intervals.restart();
        Thread.sleep(6_000);
        StatusPollIntervals.Window window = intervals.window();
        int pollConsumers = broker().consumerCount(queue("status-polls"));

        double[] sorted = window.intervalsMs().clone();
        Arrays.sort(sorted);
        double p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
        double pollsPerSecond = window.polls() / 6.0;
        List<String> platformConsumers = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("JmsConsumer[")).toList();
        System.out.printf("SlowSeqrPollingTest: %d payments waiting, SEQR at 300 ms, poll every %d ms: %.0f polls/s,"
                + " interval p50 %.0f, p99 %.0f, max %.0f ms; %d poll consumers; %d pinned virtual threads%n", WAITING,
                POLL_INTERVAL_MS, pollsPerSecond, sorted[sorted.length / 2], p99, sorted[sorted.length - 1],
                pollConsumers, PINNED.size());

        // a poll is due every 500 ms and SEQR takes 300 ms: 800 ms, with room for a loaded 2-core machine
        assertThat(p99).as("p99 of the poll interval, ms").isLessThan(2_000);
        assertThat(pollsPerSecond).as("polls per second").isGreaterThan(WAITING / 1.6);
        assertThat(platformConsumers).as("JMS consumers on platform threads").isEmpty();
        assertThat(PINNED).as("virtual threads pinned to their carrier for 20 ms or more: %s",
                PINNED.stream().findFirst().map(event -> event.getStackTrace().toString()).orElse("")).isEmpty();

        // the customers answer and polling stops: the consumers the polls needed end, down to the minimum
        emulator().invoicesWaitingForCustomer().forEach(invoice -> emulator().confirm(invoice.invoiceReference()));
        await().atMost(Duration.ofSeconds(60)).until(() -> count("payments", "RESERVED", "order_id", orders) == WAITING);
        int minimum = Integer.parseInt(app.setting("seqr.poll.consumers"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(broker().consumerCount(queue("status-polls")))
                .as("poll consumers once no poll is due").isLessThanOrEqualTo(minimum));
    }

    private static long count(String table, String status, String key, List<String> ids) {
        return ((Number) rows("select count(*) as n from " + table + " where status = '" + status + "' and " + key
                + " in (" + String.join(",", ids.stream().map(id -> "'" + id + "'").toList()) + ")")
                .get(0).get("n")).longValue();
    }
}
