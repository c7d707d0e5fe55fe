package com.seqrbackoffice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
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
import java.util.stream.Stream;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import com.seqrbackoffice.app.Application;
import com.seqrbackoffice.broker.EmbeddedBroker;
import com.seqrbackoffice.payments.Json;
import com.seqrbackoffice.seqr.emulator.SeqrEmulator;

/**
 * The performance benchmark (issue 8), in one run on the embedded parts:
 * <ol>
 * <li>start to ready of the packaged jar;</li>
 * <li>the raw limits of SEQR SOAP calls, broker messages and ledger writes, and the payments per second they
 * allow;</li>
 * <li>N preliminary payments end to end (the emulator confirms at once): payments/s, latency, ratio to the limit;</li>
 * <li>W payments waiting for the customer at once for a while, then confirmed: the interval between polls of one
 * payment as SEQR sees it, live threads, heap, reversals by SEQR's 20-second rule;</li>
 * </ol>
 * and writes the figures to {@code <out>/benchmark.json} and {@code <out>/benchmark.txt}.
 * <pre>
 * java -Xmx512m -cp target/seqr-backoffice.jar com.seqrbackoffice.bench.Benchmark [--payments 5000] [--waiting 2000]
 *      [--hold-seconds 30] [--tills 0] [--raw-seconds 10] [--warm-up-seconds 3] [--concurrency 0] [--out target]
 *      [--no-startup] [--set key=value]...
 * </pre>
 */
public final class Benchmark {

    // Goals of issue 8 on this machine
    private static final double RATIO_GOAL = 0.5;
    private static final double POLL_P99_GOAL_MS = 2000;
    // Judged on the app's own threads: the emulator stands in for SEQR's servers and the embedded broker's server
    // threads for the broker's own process (docker-compose.yml); the table shows the whole JVM beside them
    private static final int THREADS_GOAL = 64;
    private static final long HEAP_GOAL_MIB = 512;
    private static final long STARTUP_GOAL_MS = 5000;
    private static final String EMULATOR_THREADS = "seqr-emulator";
    // Threads of the embedded Artemis server (named after its configuration name) and of the in-VM connector that
    // exists only because the broker is in this JVM; with an external broker, as in production, they are elsewhere
    private static final List<String> EMBEDDED_BROKER_THREADS = List.of("seqr-backoffice-embedded", "in-v-m-connector",
            "activemq-buffer-timeout", "activemq-failure-check-thread", "activemq-critical-analyzer");

    /**
     * @param tills       payments in flight in the end-to-end run; 0: twice the limit per second, since each payment
     *                    waits about one poll interval for its first poll
     * @param concurrency threads of the raw measurements; 0: the consumers the payment routes may reach
     *                    (requests + fulfilments + polls)
     */
    public record Options(int payments, int waiting, int holdSeconds, int tills, int rawSeconds, int warmUpSeconds,
                          int concurrency, Path out, boolean startup, Properties settings) {

        public static Options defaults() {
            return new Options(5000, 2000, 30, 0, 10, 3, 0, Path.of("target"), true, new Properties());
        }

        static Options parse(String[] args) {
            Options o = defaults();
            Properties settings = new Properties();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--no-startup")) {
                    o = o.with(o.payments, o.waiting, o.holdSeconds, o.tills, o.rawSeconds, o.warmUpSeconds,
                            o.concurrency, o.out, false);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value after " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--payments" -> o = o.with(Integer.parseInt(value), o.waiting, o.holdSeconds, o.tills,
                            o.rawSeconds, o.warmUpSeconds, o.concurrency, o.out, o.startup);
                    case "--waiting" -> o = o.with(o.payments, Integer.parseInt(value), o.holdSeconds, o.tills,
                            o.rawSeconds, o.warmUpSeconds, o.concurrency, o.out, o.startup);
                    case "--hold-seconds" -> o = o.with(o.payments, o.waiting, Integer.parseInt(value), o.tills,
                            o.rawSeconds, o.warmUpSeconds, o.concurrency, o.out, o.startup);
                    case "--tills" -> o = o.with(o.payments, o.waiting, o.holdSeconds, Integer.parseInt(value),
                            o.rawSeconds, o.warmUpSeconds, o.concurrency, o.out, o.startup);
                    case "--raw-seconds" -> o = o.with(o.payments, o.waiting, o.holdSeconds, o.tills,
                            Integer.parseInt(value), o.warmUpSeconds, o.concurrency, o.out, o.startup);
                    case "--warm-up-seconds" -> o = o.with(o.payments, o.waiting, o.holdSeconds, o.tills,
                            o.rawSeconds, Integer.parseInt(value), o.concurrency, o.out, o.startup);
                    case "--concurrency" -> o = o.with(o.payments, o.waiting, o.holdSeconds, o.tills,
                            o.rawSeconds, o.warmUpSeconds, Integer.parseInt(value), o.out, o.startup);
                    case "--out" -> o = o.with(o.payments, o.waiting, o.holdSeconds, o.tills, o.rawSeconds,
                            o.warmUpSeconds, o.concurrency, Path.of(value), o.startup);
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
            return new Options(o.payments, o.waiting, o.holdSeconds, o.tills, o.rawSeconds, o.warmUpSeconds,
                    o.concurrency, o.out, o.startup, settings);
        }

        private Options with(int payments, int waiting, int holdSeconds, int tills, int rawSeconds, int warmUpSeconds,
                             int concurrency, Path out, boolean startup) {
            return new Options(payments, waiting, holdSeconds, tills, rawSeconds, warmUpSeconds, concurrency, out,
                    startup, settings);
        }
    }

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> figures = run(Options.parse(args));
        boolean met = figures.get("goals") instanceof Map<?, ?> goals && goals.values().stream().allMatch(Boolean.TRUE::equals);
        System.exit(met ? 0 : 1);
    }

    /** Runs every part; returns the figures also written to {@code out}. */
    public static Map<String, Object> run(Options options) throws Exception {
        Files.createDirectories(options.out());
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, Object> goals = new LinkedHashMap<>();
        figures.put("machine", machine());
        figures.put("options", Map.of("payments", options.payments(), "waiting", options.waiting(),
                "holdSeconds", options.holdSeconds(), "rawSeconds", options.rawSeconds(),
                "settings", new TreeMap<>(options.settings())));

        if (options.startup()) {
            Path jar = packagedJar();
            if (jar == null) {
                figures.put("startup", Map.of("skipped", "not run from the packaged jar"));
            } else {
                System.out.println("Bench: start to ready of " + jar);
                StartupTime.Measured startup = StartupTime.measure(jar, fresh(options.out().resolve("bench-startup-data")));
                figures.put("startup", Map.of("wallMs", startup.wallMillis(), "readyLineMs", startup.readyLineMillis()));
                goals.put("startToReady", startup.wallMillis() <= STARTUP_GOAL_MS);
            }
        }

        // the figures are the benchmark's output; the app's log at INFO (a line per payment step) would bury them
        Configurator.setRootLevel(Level.WARN);
        Main main = Application.create(appSettings(options));
        main.start();
        try {
            measure(main.getCamelContext(), options, figures, goals);
        } finally {
            main.stop();
        }
        figures.put("goals", goals);
        figures.put("loadAfter", loadAverage());
        write(options.out(), figures);
        return figures;
    }

    private static void measure(CamelContext context, Options options, Map<String, Object> figures,
                                Map<String, Object> goals) throws Exception {
        SeqrEmulator emulator = context.getRegistry().lookupByNameAndType("seqrEmulator", SeqrEmulator.class);
        PollIntervals polls = new PollIntervals();
        emulator.onStatusPoll(polls::record);
        int concurrency = options.concurrency() > 0 ? options.concurrency()
                : 2 * setting(context, "broker.max-consumers") + setting(context, "seqr.poll.max-consumers");

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
        rawFigures.put("soapPaymentsFailed", raw.soapFailures());
        limits.forEach(limit -> rawFigures.put(limit.resource(), limit.json()));
        rawFigures.put("limitOfSlowestPaymentsPerSecond", Samples.round(minimum));
        rawFigures.put("limitCombinedPaymentsPerSecond", Samples.round(combined));
        figures.put("rawLimits", rawFigures);

        int tills = options.tills() > 0 ? options.tills() : (int) Math.max(10, Math.ceil(combined * 2));
        tills = Math.min(tills, options.payments());
        try (TillLoad load = new TillLoad(driverConnections(context), queues(context), 4)) {
            int terminals = Math.max(tills, options.waiting());
            System.out.printf("Bench: registering %d terminals%n", terminals);
            load.registerTerminals(terminals);

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
            e2e.put("ratioToCombinedLimit", Math.round(rate / combined * 100) / 100.0);
            e2e.put("ratioToSlowestLimit", Math.round(rate / minimum * 100) / 100.0);
            figures.put("endToEnd", e2e);
            goals.put("endToEndAtLeastHalfTheLimit", rate >= RATIO_GOAL * combined);

            figures.put("waiting", waiting(context, emulator, polls, load, options, goals));
        }
    }

    private static Map<String, Object> waiting(CamelContext context, SeqrEmulator emulator, PollIntervals polls,
                                               TillLoad load, Options options, Map<String, Object> goals)
            throws Exception {
        int count = options.waiting();
        emulator.setAutoConfirm(false, Duration.ZERO);
        long reversalsBefore = emulator.counters().reversals();
        load.resetOutcomes();
        System.out.printf("Bench: %d payments waiting for the customer%n", count);
        polls.restart();
        List<String> references = load.startWaiting(count);
        // while they were issued, the polls shared the machine with the invoices, and while they are confirmed with
        // 2,000 status changes; the goal is for the payments waiting
        Samples whileIssuing = polls.window();
        long pollsBefore = polls.polls();
        long cpuBefore = processCpuNanos();
        long holdStarted = System.nanoTime();

        System.out.printf("Bench: holding them %d s%n", options.holdSeconds());
        var threads = ManagementFactory.getThreadMXBean();
        var memory = ManagementFactory.getMemoryMXBean();
        int threadsMax = 0;
        int threadsWithoutEmulatorMax = 0;
        int appThreadsMax = 0;
        long heapMax = 0;
        Map<String, Integer> threadGroupsAtMax = Map.of();
        Instant holdUntil = Instant.now().plusSeconds(options.holdSeconds());
        while (Instant.now().isBefore(holdUntil)) {
            Thread.sleep(500);
            List<String> names = liveThreadNames();
            int withoutEmulator = (int) names.stream().filter(name -> !name.startsWith(EMULATOR_THREADS)).count();
            int appOnly = (int) names.stream().filter(name -> !name.startsWith(EMULATOR_THREADS)
                    && EMBEDDED_BROKER_THREADS.stream().noneMatch(name::contains)).count();
            if (threads.getThreadCount() > threadsMax) {
                threadGroupsAtMax = groups(names);
            }
            threadsMax = Math.max(threadsMax, threads.getThreadCount());
            threadsWithoutEmulatorMax = Math.max(threadsWithoutEmulatorMax, withoutEmulator);
            appThreadsMax = Math.max(appThreadsMax, appOnly);
            heapMax = Math.max(heapMax, memory.getHeapMemoryUsage().getUsed());
        }
        Map<String, Object> held = polls.window().summary();
        double holdSeconds = (System.nanoTime() - holdStarted) / 1e9;
        long pollsHeld = polls.polls() - pollsBefore;
        double cpuMsPerPoll = pollsHeld == 0 ? Double.NaN : (processCpuNanos() - cpuBefore) / 1e6 / pollsHeld;
        System.gc();
        long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
        long stillWaiting = emulator.invoicesWaitingForCustomer().size();

        System.out.println("Bench: the customers confirm");
        long confirmStart = System.nanoTime();
        for (String reference : references) {
            emulator.confirm(reference);
        }
        // once every payment left ISSUED in the ledger, a late poll would already show as a reversal (CANCELED)
        load.awaitAnswered();
        long confirmedToAnsweredMs = (System.nanoTime() - confirmStart) / 1_000_000;
        long reversals = emulator.counters().reversals() - reversalsBefore;
        Samples whileConfirming = polls.window();

        Map<String, Object> waiting = new LinkedHashMap<>();
        waiting.put("payments", count);
        waiting.put("holdSeconds", options.holdSeconds());
        waiting.put("stillWaitingAtEndOfHold", stillWaiting);
        waiting.put("pollIntervalMs", held);
        waiting.put("pollIntervalWhileIssuingMs", whileIssuing.summary());
        waiting.put("pollIntervalWhileConfirmingMs", whileConfirming.summary());
        waiting.put("pollsPerSecond", Samples.round(pollsHeld / holdSeconds));
        waiting.put("cpuMsPerPoll", Samples.round(cpuMsPerPoll));
        waiting.put("liveThreadsMax", threadsMax);
        waiting.put("liveThreadsWithoutEmulatorMax", threadsWithoutEmulatorMax);
        waiting.put("liveThreadsWithoutEmulatorAndBrokerServerMax", appThreadsMax);
        waiting.put("threadGroupsAtMax", threadGroupsAtMax);
        waiting.put("heapUsedMaxMiB", mib(heapMax));
        waiting.put("heapUsedAfterGcMiB", mib(heapAfterGc));
        waiting.put("heapMaxMiB", mib(memory.getHeapMemoryUsage().getMax()));
        waiting.put("firstConfirmToLastAnswerMs", confirmedToAnsweredMs);
        waiting.put("outcomes", load.outcomes());
        waiting.put("reversals", reversals);
        Object p99 = held.get("p99");
        goals.put("pollIntervalP99AtMost2s", p99 instanceof Double d && d <= POLL_P99_GOAL_MS);
        goals.put("noReversals", reversals == 0);
        goals.put("atMost64LiveAppThreads", appThreadsMax <= THREADS_GOAL);
        goals.put("heapAtMost512MiB", mib(heapMax) <= HEAP_GOAL_MIB);
        return waiting;
    }

    /** CPU time of this JVM: the app, and in the benchmark also the emulator, the broker and the tills. */
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

    private static Properties appSettings(Options options) throws IOException {
        Properties settings = new Properties();
        settings.setProperty("app.data-dir", fresh(options.out().resolve("bench-data")).toAbsolutePath().toString());
        settings.setProperty("broker.embedded.acceptor", "tcp://127.0.0.1:" + freePort());
        settings.setProperty("broker.embedded.amqp-acceptor", "tcp://127.0.0.1:" + freePort());
        settings.setProperty("broker.embedded.stomp-acceptor", "tcp://127.0.0.1:" + freePort());
        settings.setProperty("seqr.emulator.port", String.valueOf(freePort()));
        settings.setProperty("camel.management.port", String.valueOf(freePort()));
        // the customer confirms at sendInvoice, so that a payment's first poll finds it RESERVED
        settings.setProperty("seqr.emulator.auto-confirm", "true");
        settings.setProperty("seqr.emulator.auto-confirm-delay-ms", "0");
        settings.putAll(options.settings());
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
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static int setting(CamelContext context, String key) {
        return Integer.parseInt(settingText(context, key));
    }

    private static String settingText(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
