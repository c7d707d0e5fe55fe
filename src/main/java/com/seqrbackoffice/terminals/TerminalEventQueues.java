package com.seqrbackoffice.terminals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.seqrbackoffice.ledger.LedgerStatements;
import com.seqrbackoffice.ledger.LedgerStatements.Statement;
import com.seqrbackoffice.broker.BrokerRoles;

/**
 * Each terminal's own events queue, {@code <queue.payment-events>.<terminalId>}: the app sends every event of a
 * terminal there as well as to the shared events queue, and only the user with the terminal's role
 * ({@code terminal.<terminalId>}) may read it, so a till reads its own events and no other's. Artemis' security
 * settings name fixed roles per address, so the permission is one setting per terminal: the app sets it on the
 * broker (a management operation, kept in the broker's journal) before the terminal's first event from this
 * instance, and a till is added with no broker change but its user.
 * <p>
 * Only a terminal the ledger knows gets a queue: a refused message may name any terminal id, and each would
 * otherwise leave a queue and a security setting on the broker.
 */
public final class TerminalEventQueues {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalEventQueues.class);
    private static final Statement KNOWN = LedgerStatements.load("sql/terminals/is-known.sql");

    private final String prefix;
    private final Predicate<String> knownTerminal;
    private final BiConsumer<String, String> grantReading;
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    /**
     * @param eventsQueue   the shared events queue, whose name with {@code .<terminalId>} names a terminal's own
     * @param knownTerminal whether the ledger has the terminal
     * @param grantReading  sets a terminal's queue (first argument) readable by its terminal id's role only
     */
    public TerminalEventQueues(String eventsQueue, Predicate<String> knownTerminal, BiConsumer<String, String> grantReading) {
        this.prefix = eventsQueue + ".";
        this.knownTerminal = knownTerminal;
        this.grantReading = grantReading;
    }

    public static Predicate<String> inLedger(DataSource dataSource) {
        return terminalId -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = KNOWN.prepare(connection, "terminalId", terminalId)) {
                try (ResultSet row = statement.executeQuery()) {
                    return row.next();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read terminal " + terminalId + " from the ledger", e);
            }
        };
    }

    /**
     * The queue for the terminal's events, its permission set once per instance; null for an event without a
     * terminal or one the ledger does not know. A permission the broker refuses is logged and asked again at the
     * next event: the event still goes to the shared queue.
     */
    public String queueFor(String terminalId) {
        if (terminalId == null) {
            return null;
        }
        String queue = prefix + terminalId;
        if (opened.contains(terminalId)) {
            return queue;
        }
        if (!knownTerminal.test(terminalId)) {
            return null;
        }
        try {
            grantReading.accept(queue, terminalId);
            opened.add(terminalId);
        } catch (RuntimeException e) {
            LOG.warn("Cannot let role {} read {}; its events still reach {}: {}", BrokerRoles.terminalRole(terminalId),
                    queue, prefix.substring(0, prefix.length() - 1), e.getMessage());
        }
        return queue;
    }
}
