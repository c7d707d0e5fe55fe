package com.seqrbackoffice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster that one test owns, so that it may stop the server under a running app without
 * disturbing anyone else's database: {@code initdb} into a temporary folder, {@code pg_ctl start} on a free port
 * of 127.0.0.1, one database. Server programs come from {@code TEST_POSTGRES_BIN} (.ci/run exports it) or
 * Debian's {@code /usr/lib/postgresql/<version>/bin}; they run as the {@code postgres} user (through
 * {@code runuser} when the tests run as root). Local connections are trusted: it listens on 127.0.0.1 only and
 * lives as long as the test.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String BIN_VARIABLE = "TEST_POSTGRES_BIN";
    private static final String DATABASE = "seqr";
    private static final String USER = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final int port;

    private PostgresCluster(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Creates and starts a cluster with one database; skipped locally (failed in CI) without PostgreSQL's programs. */
    public static PostgresCluster start() throws IOException, InterruptedException {
        Path bin = serverPrograms();
        String user = System.getProperty("user.name");
        ProcessTopology.require(bin != null, "No PostgreSQL server programs (initdb, pg_ctl): set " + BIN_VARIABLE
                + " or install Debian's postgresql (bash .ci/run does)");
        ProcessTopology.require("root".equals(user) || USER.equals(user),
                "A throwaway PostgreSQL cluster runs as the postgres user: run the tests as root or postgres");
        // under /tmp, which the postgres user can reach (a build folder below /work or /root may not be)
        Path dataDir = Files.createTempDirectory("seqr-test-pg-");
        PostgresCluster cluster = new PostgresCluster(bin, dataDir, RunningApp.freePort());
        if ("root".equals(user)) {
            run(List.of("chown", USER + ":", dataDir.toString()));
        }
        cluster.asPostgres("initdb", "-D", dataDir.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        cluster.startAgain();
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database", e);
        }
        return cluster;
    }

    /** pg_ctl start on the same folder and port. */
    public void startAgain() throws IOException, InterruptedException {
        asPostgres("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                "start");
    }

    /** pg_ctl stop in fast mode: open transactions are rolled back, every client connection is cut. */
    public void stop() throws IOException, InterruptedException {
        asPostgres("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /**
     * The app's ledger settings for this cluster's database. The cluster trusts local connections and never asks
     * for the password, but an app on PostgreSQL refuses to start with the shipped (empty) one.
     */
    public Map<String, String> ledgerSettings() {
        return Map.of("ledger.url", jdbcUrl(DATABASE), "ledger.user", USER, "ledger.password", "trusted-cluster");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(DATABASE), USER, "");
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?connectTimeout=5&socketTimeout=30";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asPostgres("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
        } catch (IllegalStateException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void asPostgres(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
        }
    }

    private static Path serverPrograms() throws IOException {
        String configured = System.getenv(BIN_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured, "initdb")) ? Path.of(configured) : null;
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                    .max(Comparator.comparing(candidate -> versionNumber(candidate.getParent().getFileName().toString())))
                    .orElse(null);
        }
    }

    private static int versionNumber(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
