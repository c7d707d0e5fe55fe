package com.seqrbackoffice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.TransactionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger whose process died in the middle of a commit, as CrashRecoveryIT once left one: another JVM inserts a
 * claim, gets as far as H2's mark that the transaction is committed, has that written to the file, and halts (no
 * shutdown hook, no close: a kill -9). H2 reopens that transaction as COMMITTED and leaves it so, its row locked;
 * the ledger finishes it when it opens the file.
 */
class H2InterruptedCommitTest {

    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=500";

    @Test
    void h2AloneLeavesTheRowOfACommitCutShortLockedForGood(@TempDir Path folder) throws Exception {
        String url = crashMidCommit(folder);
        for (int open = 0; open < 2; open++) {
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                assertThat(claims(connection)).as("the claim, neither committed nor rolled back").isZero();
                assertThatThrownBy(() -> claim(connection, "payment-request-1"))
                        .isInstanceOf(SQLTimeoutException.class);
            }
        }
    }

    @Test
    void theLedgerFinishesACommitCutShortWhenItOpensTheFile(@TempDir Path folder) throws Exception {
        String url = crashMidCommit(folder);

        try (LedgerDatabase ledger = new LedgerDatabase(url, "sa", "", 2);
             Connection connection = ledger.dataSource().getConnection()) {
            assertThat(claims(connection)).as("the claim, committed").isOne();
            assertThatThrownBy(() -> claim(connection, "payment-request-1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("primary key violation");
            claim(connection, "payment-request-2");
            assertThat(claims(connection)).isEqualTo(2);
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            assertThat(H2Durability.finishInterruptedCommits(connection)).as("nothing left after a clean close").isZero();
        }
    }

    @Test
    void aDatabaseTheAppDoesNotOpenInItsOwnEngineIsLeftAlone() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:interrupted", "sa", "")) {
            assertThat(H2Durability.finishInterruptedCommits(connection)).isZero();
        }
    }

    /** The file's URL once a JVM of its own ({@link CrashMidCommit}) died in the middle of committing one claim. */
    private static String crashMidCommit(Path folder) throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("ledger") + OPTIONS;
        Process crash = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashMidCommit.class.getName(), url)
                .redirectErrorStream(true).redirectOutput(folder.resolve("crash.log").toFile()).start();
        assertThat(crash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(crash.exitValue()).as(Files.readString(folder.resolve("crash.log"))).isEqualTo(CrashMidCommit.HALTED);
        return url;
    }

    private static void claim(Connection connection, String key) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into claims (claim_key) values ('" + key + "')");
        }
    }

    private static int claims(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from claims")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Inserts a claim and stops where H2's commit has marked the transaction committed and that mark is in the
     * file, but the insert is not yet applied: then halts the JVM.
     */
    public static final class CrashMidCommit {

        static final int HALTED = 86;

        public static void main(String[] args) throws Exception {
            Connection connection = DriverManager.getConnection(args[0] + ";WRITE_DELAY=0", "sa", "");
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table claims (claim_key varchar(64) primary key)");
            }
            connection.setAutoCommit(false);
            claim(connection, "payment-request-1");
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            TransactionStore transactions = session.getDatabase().getStore().getTransactionStore();
            Method markCommitted = TransactionStore.class.getDeclaredMethod("markUndoLogAsCommitted", int.class, long.class);
            markCommitted.setAccessible(true);
            markCommitted.invoke(transactions, session.getTransaction().getId(), 1L);
            session.getDatabase().getStore().getMvStore().commit();
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
