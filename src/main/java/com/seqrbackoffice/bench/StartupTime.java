package com.seqrbackoffice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.seqrbackoffice.app.Application;
import com.seqrbackoffice.app.SideBySideSettings;

/**
 * Start to ready of the packaged jar as README runs it ({@code java @config/jvm.options
 * -XX:AOTCache=target/seqr-backoffice.aot -jar target/seqr-backoffice.jar} from the project folder), on a fresh data
 * folder and free ports: the wall time from launching the process to its "ready" line, and the JVM uptime that line
 * reports. Without the cache (a build with {@code -Daot.skip}) the JVM says so and starts without it, and the figure
 * says which it was.
 */
final class StartupTime {

    private static final Pattern READY = Pattern.compile("seqr-backoffice ready in (\\d+) ms");
    private static final Duration GIVE_UP = Duration.ofSeconds(120);

    /**
     * @param wallMillis launch to the ready line; {@code readyLineMillis} the JVM uptime the line reports;
     *        {@code aotCache} whether the jar's AOT cache was there
     */
    record Measured(long wallMillis, long readyLineMillis, boolean aotCache) {
    }

    private StartupTime() {
    }

    static Measured measure(Path jar, Path dataDir, Path log) throws IOException {
        Path aotCache = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".aot"));
        long launched = System.nanoTime();
        List<String> arguments = new ArrayList<>(List.of(Application.JVM_OPTIONS, "-XX:AOTCache=" + aotCache));
        SideBySideSettings.of(dataDir).forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        arguments.addAll(List.of("-jar", jar.toString()));
        try (ChildJvm app = ChildJvm.start(arguments, READY, GIVE_UP, log)) {
            return new Measured((System.nanoTime() - launched) / 1_000_000,
                    Long.parseLong(app.readyLine().group(1)), Files.isRegularFile(aotCache));
        }
    }
}
