package com.seqrbackoffice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * An out-of-process ActiveMQ Artemis broker, as production runs one: a broker instance made with
 * {@code artemis create} from the distribution in {@code ARTEMIS_HOME} (.ci/run unpacks it), in a folder of its
 * own, on a free port of 127.0.0.1, with a user and password. It gets the address settings the docker-compose
 * broker gets (config/artemis-broker.properties: redelivery back-off, dead-letter and expiry addresses, delivery
 * attempts, duplicate-id cache, the roles of each sender), so that it behaves as the embedded broker does. The app's
 * user has role app, as docker-compose.yml makes it; {@link #addUser} adds another while the broker runs. Killed with
 * {@code kill -9} and started again on the same journal.
 */
public final class ArtemisProcess implements AutoCloseable {

    public static final String HOME_VARIABLE = "ARTEMIS_HOME";
    public static final String USER = "seqr";
    public static final String PASSWORD = "process-test-broker";

    private final ManagedProcess process;
    private final int port;
    private final Path etc;
    private final Map<String, Set<String>> usersByRole = new TreeMap<>();

    private ArtemisProcess(ManagedProcess process, int port, Path etc) {
        this.process = process;
        this.port = port;
        this.etc = etc;
        usersByRole.put("app", new TreeSet<>(List.of(USER)));
    }

    /** Creates a broker instance (skipped locally, failed in CI, without ARTEMIS_HOME) and starts it. */
    public static ArtemisProcess start(String test) throws IOException, InterruptedException {
        String home = System.getenv(HOME_VARIABLE);
        ProcessTopology.require(home != null && Files.isExecutable(Path.of(home, "bin", "artemis")),
                "No Artemis distribution for process tests: set " + HOME_VARIABLE + " to an unpacked apache-artemis"
                        + " (bash .ci/run does)");
        Path instance = Files.createTempDirectory(ProcessTopology.buildDirectory(), "artemis-" + test + "-");
        int port = RunningApp.freePort();
        Process create = new ProcessBuilder(Path.of(home, "bin", "artemis").toString(), "create",
                "--user", USER, "--password", PASSWORD, "--role", "app", "--require-login", "--silent", "--no-web",
                "--host", "127.0.0.1", "--default-port", String.valueOf(port),
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--force", instance.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessTopology.logFile(test, "artemis-create").toFile())
                .start();
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new AssertionError("artemis create failed; see " + ProcessTopology.logFile(test, "artemis-create"));
        }
        Path properties = instance.resolve("etc").resolve("broker.properties");
        Files.copy(ProcessTopology.projectDirectory().resolve("config").resolve("artemis-broker.properties"), properties);
        ManagedProcess process = new ManagedProcess("artemis", List.of(instance.resolve("bin").resolve("artemis").toString(),
                "run", "--properties", properties.toString()),
                // a smaller heap than the distribution's 2 GB default: the machine runs several JVMs
                Map.of("JAVA_ARGS_APPEND", "-Xms128m -Xmx1g"), ProcessTopology.logFile(test, "artemis"));
        ArtemisProcess broker = new ArtemisProcess(process, port, instance.resolve("etc"));
        broker.startAgain();
        return broker;
    }

    /**
     * Adds a user to the broker's user store (its properties login module, which reads the files again when they
     * change), as an operator adds a till: no restart.
     */
    public synchronized void addUser(String name, String password, List<String> roles) throws IOException {
        Files.writeString(etc.resolve("artemis-users.properties"), System.lineSeparator() + name + " = " + password
                + System.lineSeparator(), StandardOpenOption.APPEND);
        roles.forEach(role -> usersByRole.computeIfAbsent(role, r -> new TreeSet<>()).add(name));
        StringBuilder lines = new StringBuilder();
        usersByRole.forEach((role, users) -> lines.append(role).append(" = ").append(String.join(",", users))
                .append(System.lineSeparator()));
        Files.writeString(etc.resolve("artemis-roles.properties"), lines);
    }

    /** Starts the broker (again) on its journal and waits until it is active. */
    public void startAgain() throws InterruptedException {
        process.start();
        process.awaitLine("AMQ221007", Duration.ofSeconds(120));
    }

    public void kill() throws InterruptedException {
        process.kill();
    }

    /** The URL the app and the tills use. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The app's settings for this broker. */
    public Map<String, String> appSettings() {
        return Map.of("broker.embedded", "false", "broker.url", url(), "broker.user", USER, "broker.password", PASSWORD);
    }

    public long count(String text) {
        return process.count(text);
    }

    @Override
    public void close() throws InterruptedException {
        process.stop(Duration.ofSeconds(30));
    }
}
