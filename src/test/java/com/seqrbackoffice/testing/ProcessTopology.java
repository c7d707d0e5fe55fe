package com.seqrbackoffice.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the process-level tests find what they start: the packaged jar and its lib/ (mvn package, before
 * failsafe runs), the project folder (config/ and routes/, the app's working directory), and a folder for the
 * processes' logs. And the one policy for a missing external program: skipped locally with a printed reason,
 * a failure in CI ({@code CI=true}), as for {@link PostgresTestDatabase}.
 */
public final class ProcessTopology {

    private ProcessTopology() {
    }

    /** target/ (or -Dbuild.dir): the parent of the folder the test classes were loaded from. */
    public static Path buildDirectory() {
        try {
            return Path.of(ProcessTopology.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path jar() {
        Path jar = buildDirectory().resolve("seqr-backoffice.jar");
        if (!jar.toFile().isFile()) {
            throw new AssertionError("The packaged jar is missing (mvn package): " + jar);
        }
        return jar;
    }

    /** The project folder: failsafe runs the tests there, and the app reads config/ and routes/ from it. */
    public static Path projectDirectory() {
        return Path.of("").toAbsolutePath();
    }

    /** Logs of the processes a test started: {@code <build>/process-logs/<test>-<process>.log}. */
    public static Path logFile(String test, String process) {
        Path folder = buildDirectory().resolve("process-logs");
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return folder.resolve(test + "-" + process + ".log");
    }

    /** Skips the calling test (locally) or fails it (CI=true) when {@code available} is false. */
    public static void require(boolean available, String reason) {
        if (available) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + "; in CI this is a failure, not a skip");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
