package com.seqrbackoffice.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java program the benchmark starts in a JVM of its own (the packaged app, the SEQR emulator) with this JVM's
 * java, and waits for until it logs its ready line. Its output goes to a log file, read to the end so that the
 * program never blocks on a full pipe; {@link #close()} stops it.
 */
final class ChildJvm implements AutoCloseable {

    private static final int TAIL_LINES = 30;

    private final Process process;
    private final MatchResult readyLine;

    private ChildJvm(Process process, MatchResult readyLine) {
        this.process = process;
        this.readyLine = readyLine;
    }

    /**
     * Starts {@code java <arguments>} and waits up to {@code within} for a line that {@code ready} finds.
     *
     * @param log where the program's output goes
     */
    static ChildJvm start(List<String> arguments, Pattern ready, Duration within, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<MatchResult> readyLine = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(process, ready, readyLine, log), "bench-child-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ChildJvm(process, readyLine.get(within.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IllegalStateException("No ready line from " + String.join(" ", arguments) + " within " + within,
                    e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + String.join(" ", arguments), e);
        }
    }

    /** The ready line as the pattern matched it. */
    MatchResult readyLine() {
        return readyLine;
    }

    /** The CPU time the child's process has taken so far (user and system). */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not tell a process's CPU time"));
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void copyOutput(Process process, Pattern ready, CompletableFuture<MatchResult> readyLine, Path log) {
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = new BufferedWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.write(line);
                out.write(System.lineSeparator());
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
                Matcher matcher = ready.matcher(line);
                if (!readyLine.isDone() && matcher.find()) {
                    out.flush();
                    readyLine.complete(matcher.toMatchResult());
                }
            }
        } catch (IOException e) {
            tail.addLast("(output unreadable: " + e + ")");
        }
        readyLine.completeExceptionally(new IllegalStateException("The program ended without a ready line; its last "
                + "lines:" + System.lineSeparator() + String.join(System.lineSeparator(), tail)));
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
