package com.seqrbackoffice.demo;

import java.nio.file.Files;
import java.nio.file.Path;

import com.seqrbackoffice.app.SideBySideSettings;

/**
 * {@code java -XX:AOTCacheOutput=target/seqr-backoffice.aot -jar target/seqr-backoffice.jar --aot-training}, run by
 * {@code mvn package}: a short demo whose classes, links and profiles the JVM keeps in its AOT cache (JEP 483, 514),
 * so that {@code java -XX:AOTCache=target/seqr-backoffice.aot -jar ...} starts in about two thirds of the time. It
 * runs on a fresh data folder of its own (deleted after) and free ports, so that it does not meet a running app or
 * another build, and every training starts as a first start does (the ledger migrated, the broker's journal made).
 */
public final class AotTraining {

    private static final int PAYMENTS = 20;
    private static final int TILLS = 5;

    private AotTraining() {
    }

    public static void run() throws Exception {
        Path dataDir = Files.createTempDirectory("seqr-backoffice-aot-training");
        try {
            Demo.run(PAYMENTS, TILLS, SideBySideSettings.of(dataDir));
        } finally {
            SideBySideSettings.deleteFolder(dataDir);
        }
    }
}
