package com.seqrbackoffice.bench;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The benchmark's figures as a plain-text table: figure, value, goal and whether it was met. */
final class BenchmarkTable {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> goals;

    private BenchmarkTable(Map<String, Object> goals) {
        this.goals = goals;
    }

    static String of(Map<String, Object> figures) {
        BenchmarkTable table = new BenchmarkTable(map(figures, "goals"));
        Map<String, Object> machine = map(figures, "machine");
        table.row("machine", machine.get("cores") + " cores, Java " + machine.get("java") + ", max heap "
                + machine.get("maxHeapMiB") + " MiB, " + machine.get("garbageCollectors"), null);
        table.row("load average before / after", machine.get("loadBefore") + " / " + figures.get("loadAfter"), null);
        Map<String, Object> options = map(figures, "options");
        table.row("SEQR (emulator in its own JVM)", "answers every call after " + options.get("seqrLatencyMs") + " ms"
                + (Double.valueOf(0).equals(options.get("stalledPolls")) ? ""
                : "; " + options.get("stalledPolls") + " of the polls answered after the receive timeout while held"),
                null);

        Map<String, Object> startup = map(figures, "startup");
        if (startup.containsKey("wallMs")) {
            table.row("start to ready, packaged jar", startup.get("wallMs") + " ms (ready line: JVM up "
                    + startup.get("readyLineMs") + " ms; " + (Boolean.TRUE.equals(startup.get("aotCache")) ? "with"
                    : "without") + " the AOT cache)", "startToReady");
        }

        Map<String, Object> raw = map(figures, "rawLimits");
        for (String resource : new String[] {"SEQR SOAP", "broker", "ledger"}) {
            Map<String, Object> limit = map(raw, resource);
            table.row("raw " + resource + " (" + raw.get("threads") + " threads)", limit.get("perSecond") + " "
                    + limit.get("unit") + "/s, " + limit.get("perPayment") + " per payment = "
                    + limit.get("paymentsPerSecond") + " payments/s", null);
        }
        if (raw.containsKey("soapFirstFailure")) {
            table.row("raw SEQR SOAP calls failed, not counted", raw.get("soapCallsFailed") + ", the first: "
                    + raw.get("soapFirstFailure"), null);
        }
        table.row("limit: slowest part / parts combined", raw.get("limitOfSlowestPaymentsPerSecond") + " / "
                + raw.get("limitCombinedPaymentsPerSecond") + " payments/s", null);

        Map<String, Object> e2e = map(figures, "endToEnd");
        table.row("end to end", e2e.get("payments") + " payments on " + e2e.get("tills") + " tills in "
                + e2e.get("seconds") + " s = " + e2e.get("paymentsPerSecond") + " payments/s", null);
        table.row("end to end / combined limit", e2e.get("ratioToCombinedLimit") + " (/ slowest: "
                + e2e.get("ratioToSlowestLimit") + ")", "endToEndRatio");
        table.row("latency request to PAID", percentiles(map(e2e, "latencyRequestToPaidMs")), null);
        table.row("end-to-end outcomes", String.valueOf(e2e.get("outcomes")), null);

        Map<String, Object> waiting = map(figures, "waiting");
        table.row("waiting for the customer", waiting.get("payments") + " payments held "
                + waiting.get("holdSeconds") + " s", null);
        table.row("poll interval while they were issued", percentiles(map(waiting, "pollIntervalWhileIssuingMs")), null);
        table.row(waiting.containsKey("pollsAnsweredLate") ? "poll interval, held, after an answered poll"
                : "poll interval of one payment, held", percentiles(map(waiting, "pollIntervalMs")), "heldPollIntervalP99");
        if (waiting.containsKey("pollsAnsweredLate")) {
            table.row("polls answered after the receive timeout", String.valueOf(waiting.get("pollsAnsweredLate")), null);
            table.row("poll interval after one answered late", percentiles(map(waiting, "pollIntervalAfterLateAnswerMs")),
                    "stalledPollsRetried");
        }
        table.row("poll interval while they were confirmed", percentiles(map(waiting, "pollIntervalWhileConfirmingMs")),
                "confirmingPollIntervalP99");
        table.row("polls per second held / CPU per poll", waiting.get("pollsPerSecond") + " /s / "
                + waiting.get("cpuMsPerPoll") + " ms (app, broker and tills' JVM) + "
                + waiting.get("seqrCpuMsPerPoll") + " ms (SEQR emulator's JVM)", null);
        if (waiting.get("collectionsDuringHold") instanceof Map<?, ?> collections) {
            table.row("collections during the hold (app's JVM)", collectionsText(collections), null);
        }
        table.row("poll consumers at most, of the limit", waiting.get("pollConsumersMax") + " of "
                + waiting.get("pollConsumersLimit") + " (seqr.poll.max-consumers)", null);
        table.row("platform threads max: JVM / the app's", waiting.get("liveThreadsMax") + " / "
                + waiting.get("appThreadsMax") + " (the app's: without the embedded broker's server threads)",
                "appThreads");
        table.row("heap used, max / after GC", waiting.get("heapUsedMaxMiB") + " / " + waiting.get("heapUsedAfterGcMiB")
                + " MiB", "heap");
        table.row("reversals by the 20-second rule", String.valueOf(waiting.get("reversals")), "noReversals");
        table.row("waiting outcomes after confirmation", String.valueOf(waiting.get("outcomes")), null);
        return table.text.toString();
    }

    private void row(String figure, String value, String goalKey) {
        Map<String, Object> goal = goalKey == null ? Map.of() : map(goals, goalKey);
        String met = goal.isEmpty() ? "" : Boolean.TRUE.equals(goal.get("met")) ? "met" : "MISSED";
        text.append(String.format("%-44s %-80s %-16s %s%n", figure, value, goal.getOrDefault("goal", ""), met)
                .stripTrailing()).append(System.lineSeparator());
    }

    private static String collectionsText(Map<?, ?> collections) {
        StringJoiner text = new StringJoiner(", ");
        collections.forEach((collector, figures) -> {
            Map<?, ?> counted = (Map<?, ?>) figures;
            text.add(String.format(Locale.ROOT, "%s %s in %s ms", collector, counted.get("count"), counted.get("millis")));
        });
        return text.toString();
    }

    private static String percentiles(Map<String, Object> samples) {
        return "p50 " + samples.get("p50") + ", p95 " + samples.get("p95") + ", p99 " + samples.get("p99") + ", max "
                + samples.get("max") + " ms (" + samples.get("count") + ")";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> figures, String key) {
        Object value = figures.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
