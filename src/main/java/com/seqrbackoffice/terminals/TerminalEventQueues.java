package com.seqrbackoffice.terminals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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
 * broker (a management operation, kept in the broker's journal) when the terminal registers, and again once per
 * instance at the terminal's first event there, in case the broker lost it; a till is added with no broker change
 * but its user.
 * <p>
 * An event never waits for that second setting: it is made in the background, one at a time (the broker answers
 * them one by one). Until it lands the queue is the app's alone ("#" in the broker's roles), so an event sent before
 * waits there for its till. Waiting for it held every payment of two instances' 200 tills behind each other's
 * first events for up to 80 s, past SEQR's 20-second rule (TwoInstancesIT).
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
    private final Executor background;
    /** Terminals whose permission this instance has set, or is setting. */
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    /**
     * @param eventsQueue   the shared events queue, whose name with {@code .<terminalId>} names a terminal's own
     * @param knownTerminal whether the ledger has the terminal
     * @param grantReading  sets a terminal's queue (first argument) readable by its terminal id's role only
     * @param background    where the permission an event asks for is set
     */
    public TerminalEventQueues(String eventsQueue, Predicate<String> knownTerminal,
                               BiConsumer<String, String> grantReading, Executor background) {
        this.prefix = eventsQueue + ".";
        this.knownTerminal = knownTerminal;
        this.grantReading = grantReading;
        this.background = background;
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
     * Sets the permission on the terminal's queue now: a terminal just registered, whose till reads the event that
     * follows as soon as it is sent. A permission the broker refuses is logged and asked again at the next event.
     */
    public void open(String terminalId) {
        opened.add(terminalId);
        grant(terminalId);
    }

    /**
     * The queue for the terminal's events; null for an event without a terminal or one the ledger does not know.
     * The permission, if this instance has not set it yet, is set in the background.
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
        if (opened.add(terminalId)) {
            background.execute(() -> grant(terminalId));
        }
        return queue;
    }

    private void grant(String terminalId) {
        String queue = prefix + terminalId;
        try {
            grantReading.accept(queue, terminalId);
        } catch (RuntimeException e) {
            opened.remove(terminalId);
            LOG.warn("Cannot let role {} read {}; its events still reach {}: {}", BrokerRoles.terminalRole(terminalId),
                    queue, prefix.substring(0, prefix.length() - 1), e.getMessage());
        }
    }
}
