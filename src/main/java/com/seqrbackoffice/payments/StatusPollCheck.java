package com.seqrbackoffice.payments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import com.seqrbackoffice.ledger.LedgerStatements;
import com.seqrbackoffice.ledger.LedgerStatements.Statement;

/**
 * Checks a status poll against the ledger before it acts. A poll's message properties name its payment (order,
 * terminal, invoice, confirm deadline) and the poll route acts on them: it asks SEQR about that invoice with that
 * terminal's credentials, records SEQR's answer on that order and cancels the invoice past that deadline. A poll
 * that did not come from this app could pair an order with another payment's invoice, or carry an early deadline;
 * it is refused as bad input unless all four are the payment's own.
 * <p>
 * None of the four changes once a payment is issued, so an instance reads a payment's once and remembers the most
 * recently polled {@code capacity} of them: with 2,000 payments waiting for their customer there are 2,000 polls
 * a second, and a ledger read for each would be as many queries for facts that cannot change.
 */
public final class StatusPollCheck {

    public static final String CODE = "FORGED_STATUS_POLL";

    /** What the ledger says about a payment that its polls must repeat. */
    public record IssuedPayment(String terminalId, String invoiceReference, Instant confirmDeadline) {
    }

    private static final Statement POLL_FACTS = LedgerStatements.load("sql/payments/select-poll-facts.sql");
    // The first poll carries the deadline as the app computed it; the ledger keeps it to the microsecond, rounded
    private static final long DEADLINE_TOLERANCE_MILLIS = 1;

    private final Function<String, Optional<IssuedPayment>> ledger;
    private final Map<String, IssuedPayment> remembered;

    public StatusPollCheck(Function<String, Optional<IssuedPayment>> ledger, int capacity) {
        this.ledger = ledger;
        this.remembered = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, IssuedPayment> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The check on the ledger's {@code payments} table. */
    public static StatusPollCheck onLedger(DataSource dataSource, int capacity) {
        return new StatusPollCheck(orderId -> read(dataSource, orderId), capacity);
    }

    /**
     * Passes a poll that has all its fields and whose fields are its payment's own; refuses any other with what it
     * lacks or what does not match. The version is only required here: it is the last one SEQR answered, which the
     * ledger does not keep for each poll.
     */
    public void verify(String orderId, String terminalId, String invoiceReference, Integer seqrVersion,
                       Long confirmDeadlineMillis) {
        String missing = missing(orderId, terminalId, invoiceReference, seqrVersion, confirmDeadlineMillis);
        if (missing != null) {
            throw new InvalidMessageException("the status poll lacks " + missing);
        }
        IssuedPayment payment = recall(orderId);
        if (payment == null) {
            payment = ledger.apply(orderId).orElseThrow(() -> new InvalidMessageException(CODE,
                    "the status poll names order " + orderId + ", which has no payment in the ledger"));
            remember(orderId, payment);
        }
        String mismatch = mismatch(payment, terminalId, invoiceReference, confirmDeadlineMillis);
        if (mismatch != null) {
            throw new InvalidMessageException(CODE, "the status poll of order " + orderId + " does not match its payment: " + mismatch);
        }
    }

    private static String missing(String orderId, String terminalId, String invoiceReference, Integer seqrVersion,
                                  Long confirmDeadlineMillis) {
        List<String> missing = new ArrayList<>();
        addIfNull(missing, "orderId", orderId);
        addIfNull(missing, "terminalId", terminalId);
        addIfNull(missing, "invoiceReference", invoiceReference);
        addIfNull(missing, "seqrVersion", seqrVersion);
        addIfNull(missing, "confirmDeadline", confirmDeadlineMillis);
        return missing.isEmpty() ? null : String.join(", ", missing);
    }

    private static void addIfNull(List<String> missing, String name, Object value) {
        if (value == null) {
            missing.add(name);
        }
    }

    private static String mismatch(IssuedPayment payment, String terminalId, String invoiceReference, long confirmDeadlineMillis) {
        if (!Objects.equals(payment.terminalId(), terminalId)) {
            return "terminal " + terminalId + ", the payment's is " + payment.terminalId();
        }
        if (!Objects.equals(payment.invoiceReference(), invoiceReference)) {
            return "invoice " + invoiceReference + ", the payment's is " + payment.invoiceReference();
        }
        if (Math.abs(payment.confirmDeadline().toEpochMilli() - confirmDeadlineMillis) > DEADLINE_TOLERANCE_MILLIS) {
            return "confirm deadline " + Instant.ofEpochMilli(confirmDeadlineMillis) + ", the payment's is " + payment.confirmDeadline();
        }
        return null;
    }

    private synchronized IssuedPayment recall(String orderId) {
        return remembered.get(orderId);
    }

    private synchronized void remember(String orderId, IssuedPayment payment) {
        remembered.put(orderId, payment);
    }

    private static Optional<IssuedPayment> read(DataSource dataSource, String orderId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = POLL_FACTS.prepare(connection, "orderId", orderId);
             ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new IssuedPayment(row.getString("terminal_id"), row.getString("invoice_reference"),
                    row.getObject("confirm_deadline", OffsetDateTime.class).toInstant()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the payment of order " + orderId + " from the ledger", e);
        }
    }
}
