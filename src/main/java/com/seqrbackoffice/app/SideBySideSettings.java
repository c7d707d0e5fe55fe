package com.seqrbackoffice.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Settings for an app that runs beside others on one machine (the benchmark's, the AOT training's): a data folder of
 * its own and a free port for each listener (broker acceptors, SEQR emulator, management).
 */
public final class SideBySideSettings {

    private SideBySideSettings() {
    }

    public static Properties of(Path dataDir) {
        Properties settings = new Properties();
        settings.setProperty("app.data-dir", dataDir.toAbsolutePath().toString());
        settings.setProperty("broker.embedded.acceptor", "tcp://127.0.0.1:" + freePort());
        settings.setProperty("broker.embedded.amqp-acceptor", "tcp://127.0.0.1:" + freePort());
        settings.setProperty("broker.embedded.stomp-acceptor", "tcp://127.0.0.1:" + freePort());
        settings.setProperty("seqr.emulator.port", String.valueOf(freePort()));
        settings.setProperty("camel.management.port", String.valueOf(freePort()));
        return settings;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    public static void deleteFolder(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
