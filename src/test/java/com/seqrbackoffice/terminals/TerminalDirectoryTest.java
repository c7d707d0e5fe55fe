package com.seqrbackoffice.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.seqrbackoffice.ledger.LedgerDatabase;

/** A terminal's passwords in the ledger as an instance whose copy SEQR refused reads them again. */
class TerminalDirectoryTest {

    private LedgerDatabase ledger;
    private PasswordCipher cipher;
    private TerminalDirectory directory;

    @BeforeEach
    void ledger() {
        ledger = new LedgerDatabase("jdbc:h2:mem:terminals-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2);
        ledger.migrate();
        cipher = new PasswordCipher(PasswordCipher.newKey());
        directory = new TerminalDirectory(ledger.transactionAware(), cipher, Duration.ofSeconds(60), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void whileAChangeIsUnderWayTheNewPasswordIsFoundBesideTheRefusedOne() {
        terminal("till-1", "seqr-1", "Old-Pa55word", "New-Pa55word");
        assertThat(directory.credentials("till-1").password()).isEqualTo("Old-Pa55word");

        assertThat(directory.freshPassword("seqr-1", "Old-Pa55word")).contains("New-Pa55word");
        assertThat(directory.credentials("till-1").password()).as("kept from now on").isEqualTo("New-Pa55word");
    }

    @Test
    void aPasswordAnotherInstanceChangedIsFound() {
        terminal("till-1", "seqr-1", "New-Pa55word", null);

        assertThat(directory.freshPassword("seqr-1", "Old-Pa55word")).contains("New-Pa55word");
    }

    @Test
    void noOtherPasswordMeansNoSecondTry() {
        terminal("till-1", "seqr-1", "Old-Pa55word", null);

        assertThat(directory.freshPassword("seqr-1", "Old-Pa55word")).isEmpty();
        assertThat(directory.freshPassword("unknown", "Old-Pa55word")).isEmpty();
    }

    @Test
    void theStoredPasswordOfARegisteredTerminalOnly() {
        terminal("till-1", "seqr-1", "Old-Pa55word", null);

        assertThat(directory.storedPassword("till-1")).isEqualTo("Old-Pa55word");
        assertThat(directory.storedPassword("till-2")).isNull();
    }

    /**
     * Routes read credentials inside a ledger transaction (issuing an invoice): a second connection from the pool
     * would wait for one while holding one, and with every connection held so each waited the pool's timeout.
     */
    @Test
    void insideALedgerTransactionTheCredentialsAreReadOnItsConnection() throws SQLException {
        terminal("till-1", "seqr-1", "Old-Pa55word", null);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(ledger.dataSource()));

        // the pool has two: with one held elsewhere and the other by the transaction, a connection of its own would
        // wait the pool's timeout and fail
        try (Connection heldElsewhere = ledger.dataSource().getConnection()) {
            String password = transaction.execute(status -> directory.credentials("till-1").password());

            assertThat(password).isEqualTo("Old-Pa55word");
        }
    }

    private void terminal(String terminalId, String seqrTerminalId, String password, String next) {
        try (Connection connection = ledger.dataSource().getConnection(); PreparedStatement insert = connection.prepareStatement("""
                insert into terminals (terminal_id, name, seqr_terminal_id, password_ciphertext, next_password_ciphertext,
                    status, registered_at, updated_at)
                values (?, 'Till', ?, ?, ?, 'REGISTERED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")) {
            insert.setString(1, terminalId);
            insert.setString(2, seqrTerminalId);
            insert.setString(3, cipher.encrypt(terminalId, password));
            insert.setString(4, next == null ? null : cipher.encrypt(terminalId, next));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
