package com.seqrbackoffice.testing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program in its own process, as production runs it: started with its arguments and environment, its output
 * (stdout and stderr) kept in memory for assertions and copied to a log file for a post-mortem. It can be waited
 * for by a log line, killed without warning ({@code kill -9}: the JVM runs no shutdown hook, the broker and
 * database see a dropped connection) and started again with the same command.
 */
public final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    // every line of every run; a run starts at runStart
    private final List<String> lines = new ArrayList<>();
    private int runStart;
    private Process process;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the program; its output is read by a daemon thread until the process ends. */
    public synchronized ManagedProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        runStart = lines.size();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
        Process started = process;
        Thread reader = new Thread(() -> copyOutput(started), name + "-output");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    private void copyOutput(Process started) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            log.write("---- " + Instant.now() + " started pid " + started.pid() + ": " + String.join(" ", command));
            log.newLine();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
                log.write(line);
                log.newLine();
            }
        } catch (IOException e) {
            // the process was killed while its output was read: what was read is kept
        }
    }

    /** Waits until a line of the current run contains {@code text}; fails early if the process ends first. */
    public synchronized void awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!currentRun().stream().anyMatch(line -> line.contains(text))) {
            if (!isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before logging '" + text
                        + "'; last output:\n" + tail(40));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + " did not log '" + text + "' within " + timeout + "; last output:\n" + tail(40));
            }
            wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
        }
    }

    public boolean isAlive() {
        return alive() != null;
    }

    public synchronized long pid() {
        return process.pid();
    }

    private synchronized Process alive() {
        return process != null && process.isAlive() ? process : null;
    }

    /**
     * {@code kill -9}: the process and any process it started (a launcher script's JVM) end at once, with no
     * shutdown hook, no flush, no goodbye to the broker or the database.
     */
    public void kill() throws InterruptedException {
        Process running = alive();
        if (running == null) {
            return;
        }
        List<ProcessHandle> children = running.toHandle().descendants().toList();
        running.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        if (!running.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + running.pid() + ") survived kill -9 for 30 s");
        }
        for (ProcessHandle child : children) {
            child.onExit().join();
        }
    }

    /** A clean stop (SIGTERM, shutdown hooks run), or kill -9 after {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        Process running = alive();
        if (running == null) {
            return;
        }
        List<ProcessHandle> children = running.toHandle().descendants().toList();
        running.destroy();
        if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(20));
    }

    /** Lines of all runs containing {@code text}. */
    public synchronized long count(String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }

    /** Lines of all runs that match. */
    public synchronized List<String> lines(Predicate<String> filter) {
        return lines.stream().filter(filter).toList();
    }

    public synchronized List<String> currentRun() {
        return List.copyOf(lines.subList(runStart, lines.size()));
    }

    public synchronized String tail(int count) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** The java executable of the JVM running the tests: the children run on the same Java. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for a condition, checking every {@code every}; false if it did not become true in time. */
    public static boolean within(Duration timeout, Duration every, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(every.toMillis());
        }
        return true;
    }
}
