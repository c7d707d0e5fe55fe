package com.seqrbackoffice.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.seqrbackoffice.app.Application;

/**
 * One instance of the packaged app ({@code java @config/jvm.options -jar target/seqr-backoffice.jar}) in its own JVM,
 * started from the project folder with its settings as {@code -D} options, as an operator would run it: on the heap
 * and collector the project ships. It is ready when it logs "seqr-backoffice ready"; {@link #kill()} is
 * {@code kill -9}, {@link #restart()} starts it again with the same settings (same data folder, same ports).
 */
public final class AppProcess implements AutoCloseable {

    public static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private final ManagedProcess process;
    private final Map<String, String> settings;

    private AppProcess(ManagedProcess process, Map<String, String> settings) {
        this.process = process;
        this.settings = settings;
    }

    /** An instance named {@code name} (for its log file) with these settings; not started yet. */
    public static AppProcess create(String test, String name, Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.java(), Application.JVM_OPTIONS));
        Map<String, String> sorted = new TreeMap<>(settings);
        sorted.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(ProcessTopology.jar().toString());
        return new AppProcess(new ManagedProcess(name, command, Map.of(), ProcessTopology.logFile(test, name)), sorted);
    }

    /**
     * Settings every process-test instance gets: its own data folder and management port, short poll and wait
     * intervals so that a run of hundreds of payments takes seconds, SEQR timeouts that a loaded 2-core machine
     * meets, a long confirmation timeout (the automatic customer always answers), and secrets of its own
     * (TestSecrets) with one terminal-password key that every instance of a test shares.
     */
    public static Map<String, String> testSettings(java.nio.file.Path dataDir, String passwordKey) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("app.data-dir", dataDir.toString());
        settings.put("camel.management.port", String.valueOf(RunningApp.freePort()));
        // an embedded broker's AMQP and STOMP acceptors off the default ports (CORE's is the test's own choice)
        settings.put("broker.embedded.amqp-acceptor", "tcp://127.0.0.1:" + RunningApp.freePort());
        settings.put("broker.embedded.stomp-acceptor", "tcp://127.0.0.1:" + RunningApp.freePort());
        // an instance on PostgreSQL is in the production shape: no shipped secret (the key is the test's own)
        settings.putAll(TestSecrets.appSettings(passwordKey));
        settings.put("seqr.poll.interval-ms", "300");
        settings.put("seqr.connect-timeout-ms", "2000");
        settings.put("seqr.receive-timeout-ms", "3000");
        settings.put("payment.confirmation-timeout-seconds", "300");
        settings.put("payment.fulfilment-wait-ms", "500");
        settings.put("reporting.terminal-periods", "false");
        return settings;
    }

    /** A random AES key for terminals.password-key. */
    public static String newPasswordKey() {
        byte[] key = new byte[16];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    public AppProcess start() throws InterruptedException {
        process.start();
        process.awaitLine("seqr-backoffice ready", READY_WITHIN);
        return this;
    }

    /** Starts the app without waiting for it to be ready (an outage test may start it before its database). */
    public AppProcess launch() {
        process.start();
        return this;
    }

    public void awaitReady() throws InterruptedException {
        process.awaitLine("seqr-backoffice ready", READY_WITHIN);
    }

    public void kill() throws InterruptedException {
        process.kill();
    }

    public AppProcess restart() throws InterruptedException {
        process.kill();
        return start();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String setting(String key) {
        return settings.get(key);
    }

    public String name() {
        return process.name();
    }

    /** Log lines (all runs) that contain {@code text}. */
    public long count(String text) {
        return process.count(text);
    }

    public List<String> lines(java.util.function.Predicate<String> filter) {
        return process.lines(filter);
    }

    public String tail(int lines) {
        return process.tail(lines);
    }

    @Override
    public void close() throws InterruptedException {
        process.stop(Duration.ofSeconds(20));
    }
}
