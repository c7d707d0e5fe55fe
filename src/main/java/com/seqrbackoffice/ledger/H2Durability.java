package com.seqrbackoffice.ledger;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;

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

    /**
     * Ends the commits a crash cut short, in the database this connection has open in the app's own H2 engine.
     * H2 marks a transaction's undo log committed before it applies the log to the tables; a kill -9 in between
     * leaves the mark, and the next open registers the transaction as COMMITTED but, in H2 2.5.252, never ends
     * it ({@code Transaction.commit()} does nothing for a transaction already in that status). Its rows then stay
     * locked by a transaction no session owns, through every restart: CrashRecoveryIT found a payment request's
     * idempotency claim so, each delivery timing out on its lock until it was dead-lettered. This applies and ends
     * each such transaction as H2's commit would have, through H2's own package-private commit. Only
     * transactions no session owns are touched: those H2 recovered from the file. Returns how many it ended; 0
     * for any other database (PostgreSQL, a remote H2 server, whose own engine recovered it).
     */
    public static int finishInterruptedCommits(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return 0;
        }
        TransactionStore transactions = session.getDatabase().getStore().getTransactionStore();
        int finished = 0;
        for (Transaction transaction : transactions.getOpenTransactions()) {
            if (transaction.getStatus() == Transaction.STATUS_COMMITTED && H2Internals.ownerOf(transaction) == 0) {
                H2Internals.commit(transactions, transaction);
                finished++;
            }
        }
        return finished;
    }

    /** The parts of H2's transaction store that finishing a recovered commit needs and H2 does not make public. */
    private static final class H2Internals {

        private static final Field OWNER = field(Transaction.class, "ownerId");
        private static final Method COMMIT = method(TransactionStore.class, "commit", Transaction.class, boolean.class);
        private static final Method CLOSE = method(Transaction.class, "close", boolean.class, Throwable.class);

        static int ownerOf(Transaction transaction) {
            try {
                return OWNER.getInt(transaction);
            } catch (IllegalAccessException e) {
                throw changed(e);
            }
        }

        /** What Transaction.commit() does for an open transaction: apply its undo log as committed, then end it. */
        static void commit(TransactionStore transactions, Transaction transaction) {
            try {
                COMMIT.invoke(transactions, transaction, true);
                CLOSE.invoke(transaction, true, null);
            } catch (IllegalAccessException e) {
                throw changed(e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("H2 could not end the commit of transaction " + transaction.getId()
                        + " that a crash interrupted", e.getCause());
            }
        }

        private static Field field(Class<?> type, String name) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (ReflectiveOperationException e) {
                throw changed(e);
            }
        }

        private static Method method(Class<?> type, String name, Class<?>... parameters) {
            try {
                Method method = type.getDeclaredMethod(name, parameters);
                method.setAccessible(true);
                return method;
            } catch (ReflectiveOperationException e) {
                throw changed(e);
            }
        }

        private static IllegalStateException changed(Exception e) {
            return new IllegalStateException("This H2 version's transaction store is not the one"
                    + " H2Durability.finishInterruptedCommits was written for (2.5.252): check whether it still needs"
                    + " the workaround", e);
        }
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

    static boolean opensH2FileInProcess(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:tcp:")
                && !lower.startsWith("jdbc:h2:ssl:");
    }
}
