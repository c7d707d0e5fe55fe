package com.seqrbackoffice.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Makes an embedded H2 ledger keep what it committed across a crash of the app. H2 holds committed
 * transactions in memory for up to its write delay (500 ms by default) before writing them to its file, so a
 * kill -9 of the app would lose them; with {@code WRITE_DELAY=0} each commit is written to the file before it
 * returns (into the operating system's cache: it survives the process, as PostgreSQL's commit does with
 * {@code fsync}, not a power cut). That is not enough on its own: see {@link #recoverNewestCommits(String)}.
 * PostgreSQL URLs and H2 URLs that the app does not open itself (in memory, or a remote H2 server, whose own
 * settings decide) are left as they are.
 */
public final class H2Durability {

    /** The mark H2 puts in the file's header when it closes the file; a crash leaves none. */
    private static final String CLEAN_STOP = "clean";
    private static final Pattern WRITE_DELAY = Pattern.compile(";\\s*WRITE_DELAY\\s*=\\s*([^;]*)", Pattern.CASE_INSENSITIVE);

    private H2Durability() {
    }

    /** The URL to open: an embedded H2 file URL with {@code WRITE_DELAY=0}; refused if it asks for another delay. */
    public static String durableUrl(String url) {
        if (!opensH2FileInProcess(url)) {
            return url;
        }
        Matcher delay = WRITE_DELAY.matcher(url);
        if (!delay.find()) {
            return url + ";WRITE_DELAY=0";
        }
        if (!delay.group(1).trim().equals("0")) {
            throw new IllegalArgumentException("ledger.url sets WRITE_DELAY=" + delay.group(1).trim()
                    + ": H2 would keep committed ledger transactions in memory that long, and a crash of the app would"
                    + " lose them. Remove WRITE_DELAY from ledger.url (the app sets 0) or set WRITE_DELAY=0");
        }
        return url;
    }

    /**
     * Makes the newest commits in an embedded H2 file the ones H2 opens, before the app opens it. Each commit is a
     * chunk of the file, often written into space that older chunks freed, and the file's header names the newest
     * chunk only now and then. After a kill -9, H2 starts from the header and misses chunks written into freed
     * space since: CrashRecoveryIT saw the header name a chunk 300 ms older than the last of 15 newer ones, and
     * the ledger lost RESERVED and PAID updates the tills had seen and the broker had acknowledged. H2's recovery
     * mode scans the whole file for the newest complete chunk; opening the file so and closing it writes a header
     * that names it. Returns how many versions that recovered: 0 when the header was current (a clean stop), the
     * file does not exist yet, another process has it open, or the URL is not an embedded H2 file. Only a file H2 did
 * not close is scanned (a few seconds for a 20 MB file on a busy machine).
     */
    public static long recoverNewestCommits(String url) {
        Optional<Path> file = storeFile(url);
        if (file.isEmpty() || !Files.exists(file.get())) {
            return 0;
        }
        String name = file.get().toString();
        long named;
        long newest;
        try {
            MVStore asHeaderSays = new MVStore.Builder().fileName(name).readOnly().open();
            try {
                if (asHeaderSays.getStoreHeader().containsKey(CLEAN_STOP)) {
                    return 0;
                }
                named = asHeaderSays.getCurrentVersion();
            } finally {
                asHeaderSays.closeImmediately();
            }
            MVStore scanned = new MVStore.Builder().fileName(name).readOnly().recoveryMode().open();
            newest = scanned.getCurrentVersion();
            scanned.closeImmediately();
        } catch (MVStoreException unreadable) {
            // locked by a running app, encrypted or damaged: H2's own open says which
            return 0;
        }
        if (newest > named) {
            new MVStore.Builder().fileName(name).recoveryMode().autoCommitDisabled().open().close();
        }
        return Math.max(0, newest - named);
    }

    /** The H2 file (name.mv.db) of an embedded H2 URL on the default file system, if that is what it is. */
    private static Optional<Path> storeFile(String url) {
        if (!opensH2FileInProcess(url)) {
            return Optional.empty();
        }
        String name = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (name.regionMatches(true, 0, "file:", 0, "file:".length())) {
            name = name.substring("file:".length());
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        // another file system (nio:, split:, zip:, ...) is H2's to open
        return name.contains(":") ? Optional.empty() : Optional.of(Path.of(name + ".mv.db"));
    }

    private static boolean opensH2FileInProcess(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:tcp:")
                && !lower.startsWith("jdbc:h2:ssl:");
    }
}
