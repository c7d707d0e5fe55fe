package com.seqrbackoffice.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import com.seqrbackoffice.app.Application;
import com.seqrbackoffice.app.BackofficeResources;
import com.seqrbackoffice.app.SideBySideSettings;
import com.seqrbackoffice.broker.EmbeddedBroker;
import com.seqrbackoffice.payments.Json;
import com.seqrbackoffice.seqr.emulator.EmulatorClient;
import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.seqr.emulator.StatusPollIntervals;

/**
 * The performance benchmark (issues 8 and 13), in one run on the embedded parts, against the SEQR emulator in a JVM of
 * its own that answers every call after {@code --seqr-latency-ms}:
 * <ol>
 * <li>start to ready of the packaged jar;</li>
 * <li>the raw limits of SEQR SOAP calls, broker messages and ledger writes, and the payments per second they
 * allow;</li>
 * <li>N preliminary payments end to end (the emulator confirms at once): payments/s, latency, ratio to the limit;</li>
 * <li>W payments waiting for the customer at once for a while, then confirmed: the interval between polls of one
 * payment as SEQR sees it, live threads, heap, reversals by SEQR's 20-second rule; with {@code --stalled-polls},
 * that share of the polls is answered only after the app's receive timeout while they wait;</li>
 * </ol>
 * and writes the figures to {@code <out>/benchmark.json} and {@code <out>/benchmark.txt}.
 * <pre>
 * java @config/jvm.options -cp target/seqr-backoffice.jar com.seqrbackoffice.bench.Benchmark
 *      [--payments 5000] [--waiting 2000] [--hold-seconds 30] [--tills 0] [--raw-seconds 10] [--warm-up-seconds 3]
 *      [--concurrency 0] [--seqr-latency-ms 100] [--stalled-polls 0] [--out target] [--no-startup] [--set key=value]...
 * </pre>
 */
public final class Benchmark {

    private static final String EMULATOR_SETTINGS = "seqr.emulator.";
    // Threads of the embedded Artemis server (named after its configuration name) and of the in-VM connector that
    // exists only because the broker is in this JVM; with an external broker, as in production, they are elsewhere
    private static final List<String> EMBEDDED_BROKER_THREADS = List.of(EmbeddedBroker.NAME, "in-v-m-connector",
            "activemq-buffer-timeout", "activemq-failure-check-thread", "activemq-critical-analyzer");

    /**
     * @param tills          payments in flight in the end-to-end run; 0: twice the limit per second for each second a
     *                       payment takes (a poll interval for its first poll and its five SEQR calls)
     * @param concurrency    threads of the raw measurements; 0: the consumers that carry a payment's SEQR calls
     *                       (2 x broker.max-consumers + seqr.poll.consumers)
     * @param seqrLatencyMs  SEQR answers every call after this long (the emulator's {@code seqr.emulator.latency-ms})
     * @param stalledPolls   share of getPaymentStatus calls answered after the app's receive timeout while the payments
     *                       wait (0: none)
     */
    public record Options(int payments, int waiting, int holdSeconds, int tills, int rawSeconds, int warmUpSeconds,
                          int concurrency, long seqrLatencyMs, double stalledPolls, Path out, boolean startup,
                          Properties settings) {

        public static Options defaults() {
            return new Options(5000, 2000, 30, 0, 10, 3, 0, 100, 0, Path.of("target"), true, new Properties());
        }

        static Options parse(String[] args) {
            Options d = defaults();
            int payments = d.payments;
            int waiting = d.waiting;
            int holdSeconds = d.holdSeconds;
            int tills = d.tills;
            int rawSeconds = d.rawSeconds;
            int warmUpSeconds = d.warmUpSeconds;
            int concurrency = d.concurrency;
            long seqrLatencyMs = d.seqrLatencyMs;
            double stalledPolls = d.stalledPolls;
            Path out = d.out;
            boolean startup = d.startup;
            Properties settings = new Properties();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--no-startup")) {
                    startup = false;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value after " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--payments" -> payments = Integer.parseInt(value);
                    case "--waiting" -> waiting = Integer.parseInt(value);
                    case "--hold-seconds" -> holdSeconds = Integer.parseInt(value);
                    case "--tills" -> tills = Integer.parseInt(value);
                    case "--raw-seconds" -> rawSeconds = Integer.parseInt(value);
                    case "--warm-up-seconds" -> warmUpSeconds = Integer.parseInt(value);
                    case "--concurrency" -> concurrency = Integer.parseInt(value);
                    case "--seqr-latency-ms" -> seqrLatencyMs = Long.parseLong(value);
                    case "--stalled-polls" -> stalledPolls = Double.parseDouble(value);
                    case "--out" -> out = Path.of(value);
                    case "--set" -> {
                        int equals = value.indexOf('=');
                        if (equals < 1) {
                            throw new IllegalArgumentException("--set wants key=value, not " + value);
                        }
                        settings.setProperty(value.substring(0, equals), value.substring(equals + 1));
                    }
                    default -> throw new IllegalArgumentException("Unknown argument " + arg);
                }
            }
            if (stalledPolls < 0 || stalledPolls > 1) {
                throw new IllegalArgumentException("--stalled-polls is a share of the polls, from 0 to 1");
            }
            return new Options(payments, waiting, holdSeconds, tills, rawSeconds, warmUpSeconds, concurrency,
                    seqrLatencyMs, stalledPolls, out, startup, settings);
        }
    }

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> figures = run(Options.parse(args));
        System.exit(Goals.allMet(figures) ? 0 : 1);
    }

    /** Runs every part; returns the figures also written to {@code out}. */
    public static Map<String, Object> run(Options options) throws Exception {
        Files.createDirectories(options.out());
        Map<String, Object> figures = new LinkedHashMap<>();
        Goals goals = new Goals();
        figures.put("machine", machine());
        Map<String, Object> optionFigures = new LinkedHashMap<>();
        optionFigures.put("payments", options.payments());
        optionFigures.put("waiting", options.waiting());
        optionFigures.put("holdSeconds", options.holdSeconds());
        optionFigures.put("rawSeconds", options.rawSeconds());
        optionFigures.put("seqrLatencyMs", options.seqrLatencyMs());
        optionFigures.put("stalledPolls", options.stalledPolls());
        optionFigures.put("settings", new TreeMap<>(options.settings()));
        figures.put("options", optionFigures);

        if (options.startup()) {
            Path jar = packagedJar();
            if (jar == null) {
                figures.put("startup", Map.of("skipped", "not run from the packaged jar"));
            } else {
                System.out.println("Bench: start to ready of " + jar);
                Path startupData = fresh(options.out().resolve("bench-startup-data"));
                StartupTime.Measured startup = StartupTime.measure(jar, startupData,
                        options.out().resolve("bench-startup.log"));
                SideBySideSettings.deleteFolder(startupData);
                figures.put("startup", Map.of("wallMs", startup.wallMillis(), "readyLineMs", startup.readyLineMillis(),
                        "aotCache", startup.aotCache()));
                goals.check("startToReady", "<= " + BenchmarkGoals.START_TO_READY_MS + " ms",
                        startup.wallMillis() <= BenchmarkGoals.START_TO_READY_MS);
            }
        }

        System.out.printf("Bench: SEQR emulator in its own JVM, answering every call after %d ms%n",
                options.seqrLatencyMs());
        try (SeqrProcess seqr = SeqrProcess.start(seqrSettings(options), options.out().resolve("bench-seqr.log"))) {
            // the figures are the benchmark's output; the app's log at INFO (a line per payment step) would bury them
            Configurator.setRootLevel(Level.WARN);
            Path dataDir = fresh(options.out().resolve("bench-data"));
            Main main = Application.create(appSettings(dataDir, options, seqr.soapUrl()));
            main.start();
            try {
                measure(main.getCamelContext(), seqr.admin(), seqr::cpuTime, options, figures, goals);
            } finally {
                main.stop();
                // a run leaves about 2 GB of journal and ledger, and the broker blocks every sender once the disk it
                // writes to is 90 % full: a few runs in a row stalled the next one
                SideBySideSettings.deleteFolder(dataDir);
            }
        }
        figures.put("goals", goals.results());
        figures.put("loadAfter", loadAverage());
        write(options.out(), figures);
        return figures;
    }

    private static void measure(CamelContext context, EmulatorClient seqr, Supplier<Duration> seqrCpu, Options options,
                                Map<String, Object> figures, Goals goals) throws Exception {
        BenchmarkGoals goalsOfRun = BenchmarkGoals.of(options.seqrLatencyMs(),
                options.stalledPolls() > 0 ? retryDueMs(context) : 0);
        // the consumers that carry a payment's SEQR calls: requests and fulfilments at their maximum, and the polls
        // that start at once (a payment is polled once; the poll maximum is for payments waiting for the customer)
        int concurrency = options.concurrency() > 0 ? options.concurrency()
                : 2 * setting(context, "broker.max-consumers") + setting(context, "seqr.poll.consumers");

        System.out.printf("Bench: raw limits, %d threads each, %d s after %d s warm-up%n", concurrency,
                options.rawSeconds(), options.warmUpSeconds());
        RawLimits raw = new RawLimits(context, concurrency, Duration.ofSeconds(options.warmUpSeconds()),
                Duration.ofSeconds(options.rawSeconds()));
        List<RawLimits.Limit> limits = List.of(raw.soap(), raw.broker(), raw.ledger());
        double minimum = limits.stream().mapToDouble(RawLimits.Limit::paymentsPerSecond).min().orElseThrow();
        // every part shares the same cores: a payment costs the sum of its parts' times
        double combined = 1 / limits.stream().mapToDouble(limit -> 1 / limit.paymentsPerSecond()).sum();
        Map<String, Object> rawFigures = new LinkedHashMap<>();
        rawFigures.put("threads", concurrency);
        rawFigures.put("soapCallsFailed", raw.soapFailures().count());
        if (raw.soapFailures().first() != null) {
            rawFigures.put("soapFirstFailure", raw.soapFailures().first());
        }
        limits.forEach(limit -> rawFigures.put(limit.resource(), limit.json()));
        rawFigures.put("limitOfSlowestPaymentsPerSecond", Samples.round(minimum));
        rawFigures.put("limitCombinedPaymentsPerSecond", Samples.round(combined));
        figures.put("rawLimits", rawFigures);

        double secondsPerPayment = setting(context, "seqr.poll.interval-ms") / 1000.0 + 5 * options.seqrLatencyMs() / 1000.0;
        int tills = options.tills() > 0 ? options.tills() : (int) Math.max(10, Math.ceil(combined * 2 * secondsPerPayment));
        tills = Math.min(tills, options.payments());
        try (TillLoad load = new TillLoad(driverConnections(context), queues(context), 4)) {
            int terminals = Math.max(tills, options.waiting());
            // terminal commands have one consumer (a till's commands keep their order): 2,000 registrations at SEQR's
            // latency would take minutes before anything is measured, so the tills register on a fast SEQR
            System.out.printf("Bench: registering %d terminals (SEQR at 0 ms meanwhile)%n", terminals);
            seqr.setLatency(Duration.ZERO);
            load.registerTerminals(terminals);
            seqr.setLatency(Duration.ofMillis(options.seqrLatencyMs()));

            System.out.printf("Bench: %d payments end to end on %d tills%n", options.payments(), tills);
            long started = System.nanoTime();
            Samples latency = load.endToEnd(options.payments(), tills);
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = options.payments() / seconds;
            Map<String, Object> e2e = new LinkedHashMap<>();
            e2e.put("payments", options.payments());
            e2e.put("tills", tills);
            e2e.put("seconds", Samples.round(seconds));
            e2e.put("paymentsPerSecond", Samples.round(rate));
            e2e.put("latencyRequestToPaidMs", latency.summary());
            e2e.put("outcomes", load.outcomes());
            e2e.put("ratioToCombinedLimit", ratio(rate, combined));
            e2e.put("ratioToSlowestLimit", ratio(rate, minimum));
            figures.put("endToEnd", e2e);
            if (goalsOfRun.endToEndRatio() != null) {
                // a part that measured nothing (every call timed out) leaves no limit to compare with: not met
                goals.check("endToEndRatio", ">= " + goalsOfRun.endToEndRatio(),
                        combined > 0 && rate >= goalsOfRun.endToEndRatio() * combined);
            }

            figures.put("waiting", waiting(context, seqr, seqrCpu, load, options, goalsOfRun, goals));
        }
    }

    private static Map<String, Object> waiting(CamelContext context, EmulatorClient seqr, Supplier<Duration> seqrCpu,
                                               TillLoad load, Options options, BenchmarkGoals limits, Goals goals)
            throws Exception {
        int count = options.waiting();
        seqr.setAutoConfirm(false, Duration.ZERO);
        long reversalsBefore = seqr.counters().path("reversals").asLong();
        load.resetOutcomes();
        System.out.printf("Bench: %d payments waiting for the customer%n", count);
        seqr.restartPollIntervals();
        List<String> references = load.startWaiting(count);
        // while they were issued, the polls shared the machine with the invoices, and while they are confirmed with
        // 2,000 status changes; the goal is for the payments waiting
        StatusPollIntervals.Window whileIssuing = seqr.pollIntervalsWindow();
        if (options.stalledPolls() > 0) {
            long holdMillis = 2L * setting(context, "seqr.receive-timeout-ms");
            seqr.setFaults(List.of(FaultSpec.dropResponse("getPaymentStatus", holdMillis, null)
                    .onShare(options.stalledPolls())));
        }
        long cpuBefore = processCpuNanos();
        Duration seqrCpuBefore = seqrCpu.get();
        Map<String, Map<String, Long>> collectionsBefore = collections();
        long holdStarted = System.nanoTime();

        System.out.printf("Bench: holding them %d s%n", options.holdSeconds());
        var threads = ManagementFactory.getThreadMXBean();
        var memory = ManagementFactory.getMemoryMXBean();
        int threadsMax = 0;
        int appThreadsMax = 0;
        long heapMax = 0;
        Map<String, Integer> threadGroupsAtMax = Map.of();
        EmbeddedBroker broker = context.getRegistry().findSingleByType(BackofficeResources.class).embeddedBroker();
        String polls = settingText(context, "queue.status-polls");
        int pollConsumersMax = 0;
        Instant holdUntil = Instant.now().plusSeconds(options.holdSeconds());
        while (Instant.now().isBefore(holdUntil)) {
            Thread.sleep(500);
            List<String> names = liveThreadNames();
            int appOnly = (int) names.stream().filter(name -> EMBEDDED_BROKER_THREADS.stream().noneMatch(name::contains))
                    .count();
            if (threads.getThreadCount() > threadsMax) {
                threadGroupsAtMax = groups(names);
            }
            threadsMax = Math.max(threadsMax, threads.getThreadCount());
            appThreadsMax = Math.max(appThreadsMax, appOnly);
            heapMax = Math.max(heapMax, memory.getHeapMemoryUsage().getUsed());
            pollConsumersMax = Math.max(pollConsumersMax, broker.consumerCount(polls));
        }
        StatusPollIntervals.Window held = seqr.pollIntervalsWindow();
        double holdSeconds = (System.nanoTime() - holdStarted) / 1e9;
        double cpuMsPerPoll = held.polls() == 0 ? Double.NaN : (processCpuNanos() - cpuBefore) / 1e6 / held.polls();
        double seqrCpuMsPerPoll = held.polls() == 0 ? Double.NaN
                : seqrCpu.get().minus(seqrCpuBefore).toNanos() / 1e6 / held.polls();
        Map<String, Map<String, Long>> collectionsHeld = since(collectionsBefore, collections());
        if (options.stalledPolls() > 0) {
            seqr.clearFaults();
        }
        int stillWaiting = seqr.invoicesWaitingForCustomer().size();

        System.out.println("Bench: the customers confirm");
        long confirmStart = System.nanoTime();
        confirmAll(seqr, references);
        // once every payment left ISSUED in the ledger, a late poll would already show as a reversal (CANCELED)
        load.awaitAnswered();
        long confirmedToAnsweredMs = (System.nanoTime() - confirmStart) / 1_000_000;
        long reversals = seqr.counters().path("reversals").asLong() - reversalsBefore;
        StatusPollIntervals.Window whileConfirming = seqr.pollIntervalsWindow();
        // forced here, not between the hold and the confirmations, where its pause (0.3 to 0.4 s, a full collection)
        // stretched the confirming poll intervals it fell into
        System.gc();
        long heapAfterGc = memory.getHeapMemoryUsage().getUsed();

        Samples heldIntervals = Samples.of(held.intervalsMs());
        Samples retries = Samples.of(held.intervalsAfterLateAnswerMs());
        Samples confirming = Samples.of(whileConfirming.intervalsMs());
        Map<String, Object> waiting = new LinkedHashMap<>();
        waiting.put("payments", count);
        waiting.put("holdSeconds", options.holdSeconds());
        waiting.put("stillWaitingAtEndOfHold", stillWaiting);
        waiting.put("pollIntervalMs", heldIntervals.summary());
        if (options.stalledPolls() > 0) {
            waiting.put("pollsAnsweredLate", held.lateAnswers());
            waiting.put("pollIntervalAfterLateAnswerMs", retries.summary());
        }
        waiting.put("pollIntervalWhileIssuingMs", Samples.of(whileIssuing.intervalsMs()).summary());
        waiting.put("pollIntervalWhileConfirmingMs", confirming.summary());
        waiting.put("pollsPerSecond", Samples.round(held.polls() / holdSeconds));
        waiting.put("cpuMsPerPoll", Samples.roundToHundredths(cpuMsPerPoll));
        waiting.put("seqrCpuMsPerPoll", Samples.roundToHundredths(seqrCpuMsPerPoll));
        waiting.put("collectionsDuringHold", collectionsHeld);
        waiting.put("pollConsumersMax", pollConsumersMax);
        waiting.put("pollConsumersLimit", setting(context, "seqr.poll.max-consumers"));
        waiting.put("liveThreadsMax", threadsMax);
        waiting.put("appThreadsMax", appThreadsMax);
        waiting.put("threadGroupsAtMax", threadGroupsAtMax);
        waiting.put("heapUsedMaxMiB", mib(heapMax));
        waiting.put("heapUsedAfterGcMiB", mib(heapAfterGc));
        waiting.put("heapMaxMiB", mib(memory.getHeapMemoryUsage().getMax()));
        waiting.put("firstConfirmToLastAnswerMs", confirmedToAnsweredMs);
        waiting.put("outcomes", load.outcomes());
        waiting.put("reversals", reversals);
        goals.check("heldPollIntervalP99", "p99 <= " + Math.round(limits.heldPollP99Ms()) + " ms",
                heldIntervals.percentile(99) <= limits.heldPollP99Ms());
        if (limits.confirmingPollP99Ms() != null) {
            goals.check("confirmingPollIntervalP99", "p99 <= " + Math.round(limits.confirmingPollP99Ms()) + " ms",
                    confirming.percentile(99) <= limits.confirmingPollP99Ms());
        }
        if (limits.retryP99Ms() != null) {
            goals.check("stalledPollsRetried", "p99 <= " + Math.round(limits.retryP99Ms()) + " ms",
                    retries.count() > 0 && retries.percentile(99) <= limits.retryP99Ms());
        }
        goals.check("noReversals", "0", reversals == 0);
        goals.check("appThreads", "<= " + BenchmarkGoals.APP_THREADS, appThreadsMax <= BenchmarkGoals.APP_THREADS);
        goals.check("heap", "<= " + BenchmarkGoals.HEAP_MIB + " MiB", mib(heapMax) <= BenchmarkGoals.HEAP_MIB);
        return waiting;
    }

    /** {@code rate / limit} to two decimals; null when the limit is 0 (a part that measured nothing). */
    private static Double ratio(double rate, double limit) {
        return limit > 0 ? Math.round(rate / limit * 100) / 100.0 : null;
    }

    /** A poll answered after the receive timeout is retried one poll interval after that timeout. */
    private static long retryDueMs(CamelContext context) {
        return setting(context, "seqr.receive-timeout-ms") + setting(context, "seqr.poll.interval-ms");
    }

    /** Every waiting customer confirms, a few at a time, as fast as the emulator's admin API takes them. */
    private static void confirmAll(EmulatorClient seqr, List<String> references) throws InterruptedException {
        try (ExecutorService customers = Executors.newFixedThreadPool(16, Thread.ofVirtual().name("bench-customer-", 0)
                .factory())) {
            references.forEach(reference -> customers.execute(() -> seqr.confirm(reference)));
        }
    }

    /** CPU time of this JVM: the app, and in the benchmark also the emulator, the broker and the tills. */
    /** Each collector of this JVM: its collections so far ("count") and their time in milliseconds ("millis"). */
    private static Map<String, Map<String, Long>> collections() {
        Map<String, Map<String, Long>> collections = new LinkedHashMap<>();
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections.put(collector.getName(),
                    Map.of("count", collector.getCollectionCount(), "millis", collector.getCollectionTime()));
        }
        return collections;
    }

    /** The collections between two {@link #collections()} of the same JVM. */
    private static Map<String, Map<String, Long>> since(Map<String, Map<String, Long>> before,
                                                      Map<String, Map<String, Long>> after) {
        Map<String, Map<String, Long>> between = new LinkedHashMap<>();
        after.forEach((collector, now) -> {
            Map<String, Long> then = before.getOrDefault(collector, Map.of("count", 0L, "millis", 0L));
            between.put(collector, Map.of("count", now.get("count") - then.get("count"),
                    "millis", now.get("millis") - then.get("millis")));
        });
        return between;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long mib(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }

    private static List<String> liveThreadNames() {
        List<String> names = new ArrayList<>();
        Thread.getAllStackTraces().keySet().forEach(thread -> names.add(thread.getName()));
        return names;
    }

    /** Live threads by name with the numbers taken out ("seqr-emulator-12" counts as "seqr-emulator-#"), most first. */
    private static Map<String, Integer> groups(List<String> names) {
        Map<String, Integer> counts = new TreeMap<>();
        names.forEach(name -> counts.merge(name.replaceAll("\\d+", "#"), 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    private static Properties appSettings(Path dataDir, Options options, String seqrUrl) {
        Properties settings = SideBySideSettings.of(dataDir);
        settings.setProperty("seqr.emulator.enabled", "false");
        settings.setProperty("seqr.url", seqrUrl);
        settings.putAll(options.settings());
        return settings;
    }

    /** The emulator's settings: the customer confirms at sendInvoice, so that a payment's first poll finds it RESERVED. */
    private static Map<String, String> seqrSettings(Options options) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("seqr.emulator.auto-confirm", "true");
        settings.put("seqr.emulator.auto-confirm-delay-ms", "0");
        settings.put("seqr.emulator.latency-ms", String.valueOf(options.seqrLatencyMs()));
        // the benchmark sets latency, faults and customers, and reads the poll intervals, through the admin API
        settings.put("seqr.emulator.admin-enabled", "true");
        options.settings().stringPropertyNames().stream().filter(key -> key.startsWith(EMULATOR_SETTINGS))
                .forEach(key -> settings.put(key, options.settings().getProperty(key)));
        return settings;
    }

    /** The tills' connections: in-VM, so that the driver takes as little of the machine as it can. */
    private static ActiveMQConnectionFactory driverConnections(CamelContext context) {
        return new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL, settingText(context, "broker.user"),
                settingText(context, "broker.password"));
    }

    private static Map<String, String> queues(CamelContext context) {
        Map<String, String> queues = new LinkedHashMap<>();
        for (String queue : List.of("terminal-commands", "payment-requests", "fulfilment", "payment-events")) {
            queues.put(queue, settingText(context, "queue." + queue));
        }
        return queues;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("maxHeapMiB", mib(Runtime.getRuntime().maxMemory()));
        machine.put("garbageCollectors", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(" + ")));
        machine.put("loadBefore", loadAverage());
        machine.put("startedAt", Instant.now().toString());
        return machine;
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void write(Path out, Map<String, Object> figures) throws IOException {
        Files.writeString(out.resolve("benchmark.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(figures) + System.lineSeparator());
        String table = BenchmarkTable.of(figures);
        Files.writeString(out.resolve("benchmark.txt"), table);
        System.out.print(table);
        System.out.println("Bench: figures in " + out.resolve("benchmark.json") + " and " + out.resolve("benchmark.txt"));
    }

    /** The jar this class runs from, or null when it runs from classes (tests). */
    private static Path packagedJar() {
        try {
            Path location = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toString().endsWith(".jar") ? location : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static Path fresh(Path dir) throws IOException {
        SideBySideSettings.deleteFolder(dir);
        return Files.createDirectories(dir);
    }

    private static int setting(CamelContext context, String key) {
        return Integer.parseInt(settingText(context, key));
    }

    private static String settingText(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }

}
