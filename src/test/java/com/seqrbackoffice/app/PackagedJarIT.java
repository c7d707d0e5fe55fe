package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.seqrbackoffice.testing.RunningApp;

/**
 * README's run command: the packaged jar, with only its runtime libraries in lib/ (the in-process tests also
 * see test-scoped jars, which hid a missing runtime dependency once), starts from the project folder on the
 * embedded defaults with no secret set, with the AOT cache {@code mvn package} made and no word from the JVM about
 * it, reports ready and serves the back office; under the production profile the
 * same command refuses the shipped secrets. Only the data folder and ports are moved, so that it runs beside other
 * tests.
 */
class PackagedJarIT {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private final int amqpPort = RunningApp.freePort();
    private final int stompPort = RunningApp.freePort();

    @Test
    void packagedJarStartsOnTheEmbeddedDefaultsAndReportsReady() throws Exception {
        Path jar = buildDirectory().resolve("seqr-backoffice.jar");
        assertThat(jar).as("the packaged jar (mvn package)").isRegularFile();
        assertThat(jar.resolveSibling("lib")).isDirectory();
        assertThat(jar.resolveSibling("seqr-backoffice.aot")).as("the AOT cache (mvn package without -Daot.skip)")
                .isRegularFile();
        int managementPort = RunningApp.freePort();

        Process app = new ProcessBuilder(runCommand(jar, managementPort))
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        // counted down by the ready line, or by a failed start, after which the app's other threads keep it alive
        CountDownLatch startEnded = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.contains("seqr-backoffice ready") || line.startsWith("Exception in thread \"main\"")) {
                        startEnded.countDown();
                    }
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "packaged-app-output");
        reader.setDaemon(true);
        reader.start();
        try {
            startEnded.await(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(output).as("'seqr-backoffice ready' within %s; last output:%n%s", READY_WITHIN, tail(output))
                    .anySatisfy(line -> assertThat(line).contains("seqr-backoffice ready"));
            // the JVM logs why it cannot use a cache (another JDK, a jar changed since) and starts without it
            assertThat(output).as("the JVM took the AOT cache without a word").noneMatch(line -> line.contains("[aot"));

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("health: %s", health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            assertThat(Files.list(dataDir)).as("data written under app.data-dir").isNotEmpty();
            // the jar's lib/ has the broker's protocol modules: their acceptors listen
            for (int port : new int[] {amqpPort, stompPort}) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    assertThat(socket.isConnected()).as("acceptor on port %d", port).isTrue();
                }
            }

            // the back office's page and queries are resources of the jar; its command line asks the running app
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/backoffice/summary"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("back-office summary: %s", page.body()).isEqualTo(200);
            Process lookup = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dcamel.management.port=" + managementPort, "-jar", jar.toString(), "--payment", "no-such-order")
                    .redirectErrorStream(true).start();
            String answer = new String(lookup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(lookup.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(lookup.exitValue()).as("exit code of --payment; output:%n%s", answer).isEqualTo(1);
            assertThat(answer).contains("UNKNOWN_ORDER: no payment for order no-such-order");
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theCommandLineHelpsWithoutAStackTrace() throws Exception {
        Path jar = buildDirectory().resolve("seqr-backoffice.jar");

        Ran help = runJar(jar, "--help");
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("--demo [payments] [tills]", "--payment <orderId>", "--version");

        Ran version = runJar(jar, "--version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output().strip()).matches("seqr-backoffice \\d+\\.\\d+\\.\\d+\\S*, Camel 4\\.18\\.0, Java 25.*");

        for (String[] mistake : List.of(new String[] {"--bogus"}, new String[] {"--demo", "lots"})) {
            Ran refused = runJar(jar, mistake);
            assertThat(refused.exit()).as("exit code of %s: %s", List.of(mistake), refused.output()).isEqualTo(2);
            assertThat(refused.output().strip()).as("one line, no stack trace").doesNotContain("\n", "Exception", "\tat ")
                    .contains(mistake[mistake.length - 1]);
        }
    }

    @Test
    void theAotTrainingRunsItsDemoOnFreePortsAndExitsWhenItEnds() throws Exception {
        Path jar = buildDirectory().resolve("seqr-backoffice.jar");
        Process training = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--aot-training").redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        long summaryAt = 0;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(training.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.startsWith("Time taken:")) {
                    summaryAt = System.nanoTime();
                }
            }
        }
        assertThat(training.waitFor(30, TimeUnit.SECONDS)).as("exited; output:%n%s", tail(output)).isTrue();
        assertThat(training.exitValue()).as("exit code; output:%n%s", tail(output)).isZero();
        assertThat(output).as("the demo's summary; output:%n%s", tail(output))
                .anySatisfy(line -> assertThat(line).matches("\\s+PAID\\s+20"));
        // the in-VM connector's idle threads, left alone, kept the JVM for a minute after the summary
        assertThat(Duration.ofNanos(System.nanoTime() - summaryAt)).as("from the summary to the exit")
                .isLessThan(Duration.ofSeconds(20));
    }

    private record Ran(int exit, String output) {
    }

    private static Ran runJar(Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(process.exitValue(), output);
    }

    @Test
    void packagedJarUnderTheProductionProfileRefusesTheShippedSecretsNamingEach() throws Exception {
        Path jar = buildDirectory().resolve("seqr-backoffice.jar");
        Path outputFile = dataDir.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(runCommand(jar, RunningApp.freePort()))
                .redirectErrorStream(true).redirectOutput(outputFile.toFile());
        // as an operator sets it; every secret keeps the value config/application.properties ships
        builder.environment().put("APP_PROFILE", "production");
        Process app = builder.start();
        try {
            boolean exited = app.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
            String output = Files.readString(outputFile);
            assertThat(exited).as("the start ended within %s; output:%n%s", READY_WITHIN, output).isTrue();
            assertThat(app.exitValue()).as("exit code; output:%n%s", output).isEqualTo(1);
            assertThat(output).contains("Refusing to start with shipped secrets in a production setup (the production profile):"
                    + " replace broker.password, broker.embedded.users (user till-1), broker.embedded.users (user orders),"
                    + " broker.embedded.users (user backoffice), seqr.reseller.password")
                    .doesNotContain("seqr-backoffice ready")
                    .doesNotContain("local-only");
            System.out.println("packaged jar under APP_PROFILE=production with the shipped secrets: exited 1 naming"
                    + " broker.password, 3 broker.embedded.users entries and seqr.reseller.password");
        } finally {
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** README's run command, with only the data folder and ports moved. */
    private List<String> runCommand(Path jar, int managementPort) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Application.JVM_OPTIONS, "-XX:AOTCache=" + jar.resolveSibling("seqr-backoffice.aot"),
                "-Dapp.data-dir=" + dataDir,
                "-Dbroker.embedded.acceptor=tcp://127.0.0.1:" + RunningApp.freePort(),
                "-Dbroker.embedded.amqp-acceptor=tcp://127.0.0.1:" + amqpPort,
                "-Dbroker.embedded.stomp-acceptor=tcp://127.0.0.1:" + stompPort,
                "-Dseqr.emulator.port=" + RunningApp.freePort(),
                "-Dcamel.management.port=" + managementPort,
                "-jar", jar.toString());
    }

    /** target/ (or -Dbuild.dir): the parent of the folder this test class was loaded from. */
    private static Path buildDirectory() throws Exception {
        return Path.of(PackagedJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    private static String tail(List<String> output) {
        List<String> lines = List.copyOf(output);
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
