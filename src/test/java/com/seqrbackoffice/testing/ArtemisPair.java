package com.seqrbackoffice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A highly available Artemis pair from the distribution, as docs/production.md describes it: a primary and a
 * backup on one shared store (the journal folder of this test), clustered so that the primary tells clients where
 * its backup is. The backup waits on the store's lock and becomes active when the primary dies; the primary, started
 * again, takes the store back (fail-back) and the backup waits again.
 */
public final class ArtemisPair implements AutoCloseable {

    // "Backup Server is now active", "backup announced"
    private static final String BACKUP_ACTIVE = "AMQ221010";
    private static final String BACKUP_WAITING = "AMQ221031";

    private final ArtemisProcess primary;
    private final ArtemisProcess backup;

    private ArtemisPair(ArtemisProcess primary, ArtemisProcess backup) {
        this.primary = primary;
        this.backup = backup;
    }

    /** Creates both instances on free ports and starts the primary, then the backup. */
    public static ArtemisPair start(String test) throws IOException, InterruptedException {
        Path sharedStore = Files.createTempDirectory(ProcessTopology.buildDirectory(), "artemis-store-" + test + "-");
        int primaryPort = RunningApp.freePort();
        int backupPort = RunningApp.freePort();
        ArtemisProcess primary = ArtemisProcess.create(test, "artemis-primary", primaryPort,
                options(sharedStore, backupPort), ArtemisProcess.ACTIVE);
        List<String> backupOptions = new java.util.ArrayList<>(options(sharedStore, primaryPort));
        backupOptions.add("--backup");
        ArtemisProcess backup = ArtemisProcess.create(test, "artemis-backup", backupPort, backupOptions, BACKUP_WAITING);
        ArtemisPair pair = new ArtemisPair(primary, backup);
        try {
            primary.startAgain();
            backup.startAgain();
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    private static List<String> options(Path sharedStore, int otherPort) {
        return List.of("--shared-store", "--data", sharedStore.toString(), "--failover-on-shutdown",
                "--clustered", "--cluster-user", ArtemisProcess.USER, "--cluster-password", ArtemisProcess.PASSWORD,
                "--staticCluster", "tcp://127.0.0.1:" + otherPort);
    }

    public ArtemisProcess primary() {
        return primary;
    }

    public ArtemisProcess backup() {
        return backup;
    }

    /** The URL the app and the tills use: both brokers, failover on, reconnecting for ever (docs/production.md's URL). */
    public String url() {
        return "(" + primary.url() + "," + backup.url() + ")?ha=true&reconnectAttempts=-1";
    }

    /** The app's settings for this pair. */
    public Map<String, String> appSettings() {
        return Map.of("broker.embedded", "false", "broker.url", url(), "broker.user", ArtemisProcess.USER,
                "broker.password", ArtemisProcess.PASSWORD);
    }

    /** Waits until the backup has taken over from a dead primary. */
    public void awaitBackupActive(Duration timeout) throws InterruptedException {
        await(() -> backup.count(BACKUP_ACTIVE) > 0, timeout, "the backup did not become active");
    }

    /** Starts the primary again and waits until it is active and the backup waits for it once more (fail-back). */
    public void failBack(Duration timeout) throws InterruptedException {
        long waitingBefore = backup.count(BACKUP_WAITING);
        primary.startAgain();
        await(() -> backup.count(BACKUP_WAITING) > waitingBefore, timeout, "the backup did not step back after fail-back");
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String failure)
            throws InterruptedException {
        if (!ManagedProcess.within(timeout, Duration.ofMillis(100), condition)) {
            throw new AssertionError(failure + " within " + timeout);
        }
    }

    /** Lines of both brokers' logs that contain {@code text}. */
    public long count(String text) {
        return primary.count(text) + backup.count(text);
    }

    @Override
    public void close() throws InterruptedException {
        primary.close();
        backup.close();
    }
}
