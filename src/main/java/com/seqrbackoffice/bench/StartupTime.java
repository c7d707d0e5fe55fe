package com.seqrbackoffice.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start to ready of the packaged jar as README runs it ({@code java -jar target/seqr-backoffice.jar} from the project
 * folder), on a fresh data folder and free ports: the wall time from launching the process to its "ready" line, and
 * the JVM uptime that line reports.
 */
final class StartupTime {

    private static final Pattern READY = Pattern.compile("seqr-backoffice ready in (\\d+) ms");
    private static final long GIVE_UP_SECONDS = 120;
    private static final int TAIL_LINES = 30;

    /** @param wallMillis launch to the ready line; {@code readyLineMillis} the JVM uptime the line reports */
    record Measured(long wallMillis, long readyLineMillis) {
    }

    private StartupTime() {
    }

    static Measured measure(Path jar, Path dataDir) throws IOException, InterruptedException {
        long launched = System.nanoTime();
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dapp.data-dir=" + dataDir.toAbsolutePath(),
                "-Dbroker.embedded.acceptor=tcp://127.0.0.1:" + Benchmark.freePort(),
                "-Dseqr.emulator.port=" + Benchmark.freePort(),
                "-Dcamel.management.port=" + Benchmark.freePort(),
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Measured> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            Deque<String> tail = new ArrayDeque<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                // read to the end even after the ready line, so that the app never blocks on a full pipe
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        ready.complete(new Measured((System.nanoTime() - launched) / 1_000_000,
                                Long.parseLong(matcher.group(1))));
                    }
                }
            } catch (IOException e) {
                tail.addLast("(output unreadable: " + e + ")");
            }
            ready.completeExceptionally(new IllegalStateException("The packaged jar ended without a ready line; its "
                    + "last lines:" + System.lineSeparator() + String.join(System.lineSeparator(), tail)));
        }, "bench-startup-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The packaged jar did not report ready within " + GIVE_UP_SECONDS + " s", e);
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }
}
