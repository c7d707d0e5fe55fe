package com.seqrbackoffice.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code java -XX:AOTCacheOutput=target/seqr-backoffice.aot -jar target/seqr-backoffice.jar --aot-training}, run by
 * {@code mvn package}: a short demo whose classes, links and profiles the JVM keeps in its AOT cache (JEP 483, 514),
 * so that {@code java -XX:AOTCache=target/seqr-backoffice.aot -jar ...} starts in about two thirds of the time. It
 * runs on a data folder of its own and free ports, so that it does not meet a running app or another build.
 */
public final class AotTraining {

    private static final int PAYMENTS = 20;
    private static final int TILLS = 5;

    private AotTraining() {
    }

    public static void run() throws Exception {
        Path dataDir = Files.createTempDirectory("seqr-backoffice-aot-training");
        Properties settings = new Properties();
        settings.setProperty("app.data-dir", dataDir.toString());
        settings.setProperty("broker.embedded.acceptor", "tcp://127.0.0.1:" + freePort());
        settings.setProperty("broker.embedded.amqp-acceptor", "tcp://127.0.0.1:" + freePort());
        settings.setProperty("broker.embedded.stomp-acceptor", "tcp://127.0.0.1:" + freePort());
        settings.setProperty("seqr.emulator.port", String.valueOf(freePort()));
        settings.setProperty("camel.management.port", String.valueOf(freePort()));
        Demo.run(PAYMENTS, TILLS, settings);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
