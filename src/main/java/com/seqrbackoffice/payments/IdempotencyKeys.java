package com.seqrbackoffice.payments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import javax.sql.DataSource;

import com.seqrbackoffice.ledger.LedgerStatements;
import com.seqrbackoffice.ledger.LedgerStatements.Statement;
import com.seqrbackoffice.refunds.RefundRequest;

/**
 * The ledger's idempotency keys ({@code idempotency_keys}): each inbound route claims its message's key before it
 * does anything else, SEQR calls included. The claim is one insert, committed on its own, so the primary key
 * decides between two copies taken at the same moment by two consumers or two instances; the loser reads the
 * winner's row and {@link IdempotencyRule} decides. A reuse is refused here, as bad input.
 */
public final class IdempotencyKeys {

    /** The kind of a refund id's key; the other kinds name the message's queue (see the table's check). */
    public static final String REFUND_ID = "refund-id";

    private static final Statement CLAIM = LedgerStatements.load("sql/idempotency-keys/claim.sql");
    private static final Statement FIRST_USE = LedgerStatements.load("sql/idempotency-keys/select-first-use.sql");
    private static final Statement RELEASE = LedgerStatements.load("sql/idempotency-keys/release.sql");
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final MessageFingerprints fingerprints;

    public IdempotencyKeys(DataSource dataSource, MessageFingerprints fingerprints) {
        this.dataSource = dataSource;
        this.fingerprints = fingerprints;
    }

    /**
     * Claims a message's {@code messageId} for {@code kind} (the message's queue: terminal-command, payment-request,
     * cancellation, fulfilment, refund) with the message's content; refuses a reuse with IDEMPOTENCY_KEY_REUSED.
     */
    public KeyOutcome claimMessage(String kind, String json, String messageId, String orderId, String terminalId) {
        return claim(kind, messageId, fingerprints.of(json), messageId, orderId, terminalId);
    }

    /**
     * Claims a refund message's two keys: its {@code messageId} (kind refund) and its {@code refundId}, whose content
     * is the message's without its messageId. A refusal of either leaves neither claimed; the outcome is the
     * refundId's.
     */
    public KeyOutcome claimRefund(String json, RefundRequest refund) {
        KeyOutcome message = claimMessage("refund", json, refund.messageId(), refund.orderId(), null);
        try {
            return claim(REFUND_ID, refund.refundId(), fingerprints.of(json, "messageId"), refund.messageId(),
                    refund.orderId(), null);
        } catch (InvalidMessageException reused) {
            if (message == KeyOutcome.FIRST_USE) {
                release("refund", refund.messageId());
            }
            throw reused;
        }
    }

    private KeyOutcome claim(String kind, String key, String fingerprint, String messageId, String orderId,
                             String terminalId) {
        try (Connection connection = dataSource.getConnection()) {
            IdempotencyRule.FirstUse first = insert(connection, kind, key, fingerprint, messageId, orderId, terminalId)
                    ? null : firstUse(connection, kind, key);
            KeyOutcome outcome = IdempotencyRule.decide(first, fingerprint);
            if (outcome == KeyOutcome.REUSED) {
                throw IdempotencyRule.reuse(first);
            }
            return outcome;
        } catch (SQLException e) {
            throw ledgerFailure("claim", kind, key, e);
        }
    }

    // a copy of the same message that read the claim meanwhile is refused the same way, by the same refundId
    private void release(String kind, String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = RELEASE.prepare(connection, "kind", kind, "key", key)) {
            delete.executeUpdate();
        } catch (SQLException e) {
            throw ledgerFailure("release", kind, key, e);
        }
    }

    /**
     * The failure the route's error policy logs and dead-letters with: it names the database's reason (a lost
     * connection, a lock timeout, a full disk), which is what tells an operator whether a redelivery will do.
     */
    private static IllegalStateException ledgerFailure(String action, String kind, String key, SQLException e) {
        String reason = e.getMessage() == null ? "no message" : e.getMessage().lines().findFirst().orElse("no message");
        return new IllegalStateException("Cannot " + action + " " + kind + " key " + key + " in the ledger (SQL state "
                + e.getSQLState() + ": " + reason + ")", e);
    }

    /** False when the key was there already (or another copy inserted it a moment ago). */
    private static boolean insert(Connection connection, String kind, String key, String fingerprint, String messageId,
                                  String orderId, String terminalId) throws SQLException {
        try (PreparedStatement insert = CLAIM.prepare(connection, "kind", kind, "key", key, "fingerprint", fingerprint,
                "messageId", messageId, "orderId", orderId, "terminalId", terminalId)) {
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static IdempotencyRule.FirstUse firstUse(Connection connection, String kind, String key) throws SQLException {
        try (PreparedStatement select = FIRST_USE.prepare(connection, "kind", kind, "key", key)) {
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("idempotency key " + kind + " " + key + " refused as taken but not found");
                }
                Timestamp completed = row.getTimestamp("completed_at");
                return new IdempotencyRule.FirstUse(kind, key, row.getString("fingerprint"), row.getString("message_id"),
                        row.getString("order_id"), row.getString("terminal_id"), row.getTimestamp("first_seen_at").toInstant(),
                        completed != null);
            }
        }
    }
}
