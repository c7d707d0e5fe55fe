package com.seqrbackoffice.terminals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.seqrbackoffice.ledger.LedgerStatements;
import com.seqrbackoffice.ledger.LedgerStatements.Statement;
import com.seqrbackoffice.payments.InvalidMessageException;
import com.seqrbackoffice.seqr.client.TerminalCredentials;
import com.seqrbackoffice.seqr.client.TerminalPasswords;

/**
 * SEQR credentials of the tills' terminals, read from the ledger's {@code terminals} table and decrypted.
 * Every status poll needs them, so they are kept for a short while; the table stays the only source of truth,
 * shared by every instance. A password change made by another instance reaches this one through
 * {@link #freshPassword}: the SEQR client asks it when SEQR refuses the kept password.
 */
public final class TerminalDirectory implements TerminalPasswords {

    private static final Statement CREDENTIALS = LedgerStatements.load("sql/terminals/registered-credentials.sql");
    private static final Statement PASSWORDS_BY_SEQR_ID = LedgerStatements.load("sql/terminals/passwords-by-seqr-id.sql");

    private final DataSource dataSource;
    private final PasswordCipher cipher;
    private final Duration cacheTime;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TerminalDirectory(DataSource dataSource, PasswordCipher cipher, Duration cacheTime, Clock clock) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.cacheTime = cacheTime;
        this.clock = clock;
    }

    /** The credentials of a registered terminal; an unknown or unregistered one is refused as bad input. */
    public TerminalCredentials credentials(String terminalId) {
        Instant now = clock.instant();
        Cached cached = cache.get(terminalId);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.credentials();
        }
        TerminalCredentials credentials = load(terminalId);
        cache.put(terminalId, new Cached(credentials, now.plus(cacheTime)));
        return credentials;
    }

    /** Called when a terminal changes, so this instance does not use what it kept. */
    public void forget(String terminalId) {
        cache.remove(terminalId);
    }

    public String encrypt(String terminalId, String password) {
        return cipher.encrypt(terminalId, password);
    }

    /**
     * The password a REGISTERED terminal has in the ledger now (not this instance's copy), or null for a terminal
     * that is new or unregistered: a REGISTER without a password keeps it, so that registering a till again (or a
     * REGISTER delivered again) never changes the password other instances hold.
     */
    public String storedPassword(String terminalId) {
        try {
            return load(terminalId).password();
        } catch (InvalidMessageException unknown) {
            return null;
        }
    }

    /**
     * Reads the terminal's passwords from the ledger and returns the one that is not {@code rejected}: its new
     * password while a change is under way (next_password_ciphertext), or the one another instance switched to.
     * Kept as this instance's copy from now on.
     */
    @Override
    public Optional<String> freshPassword(String seqrTerminalId, String rejected) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = PASSWORDS_BY_SEQR_ID.prepare(connection, "seqrTerminalId", seqrTerminalId)) {
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String terminalId = row.getString(1);
                for (String ciphertext : new String[] {row.getString(2), row.getString(3)}) {
                    String password = ciphertext == null ? null : cipher.decrypt(terminalId, ciphertext);
                    if (password != null && !Objects.equals(password, rejected)) {
                        cache.put(terminalId, new Cached(new TerminalCredentials(seqrTerminalId, password),
                                clock.instant().plus(cacheTime)));
                        return Optional.of(password);
                    }
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read SEQR terminal " + seqrTerminalId + " from the ledger", e);
        }
    }

    private TerminalCredentials load(String terminalId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = CREDENTIALS.prepare(connection, "terminalId", terminalId)) {
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new InvalidMessageException("UNKNOWN_TERMINAL",
                            "terminal " + terminalId + " is not registered with SEQR");
                }
                return new TerminalCredentials(row.getString(1), cipher.decrypt(terminalId, row.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read terminal " + terminalId + " from the ledger", e);
        }
    }

    private record Cached(TerminalCredentials credentials, Instant until) {
    }
}
