package com.seqrbackoffice.seqr.emulator;

import static com.seqrbackoffice.seqr.api.InvoiceStatus.CANCELED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.EXPIRED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.FAILED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.ISSUED;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.PAID;
import static com.seqrbackoffice.seqr.api.InvoiceStatus.RESERVED;
import static com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event.COMMIT_TIMEOUT_PASSED;
import static com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event.CUSTOMER_DECLINED;
import static com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event.CUSTOMER_PAID;
import static com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event.CUSTOMER_RESERVED;
import static com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event.MERCHANT_CANCELED;
import static com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event.MERCHANT_COMMITTED;
import static com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event.NEW_INVOICE_ON_TERMINAL;
import static com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event.PAYMENT_FAILED;
import static com.seqrbackoffice.seqr.emulator.InvoiceStateMachine.Event.STATUS_NOT_POLLED;
import static com.seqrbackoffice.seqr.client.SeqrResultCode.CANNOT_CANCEL_PAID_INVOICE;
import static com.seqrbackoffice.seqr.client.SeqrResultCode.INVOICE_ALREADY_CANCELED;
import static com.seqrbackoffice.seqr.client.SeqrResultCode.INVOICE_STATE_NOT_RESERVED;

import com.seqrbackoffice.seqr.api.InvoiceStatus;
import com.seqrbackoffice.seqr.client.SeqrResultCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The life of an emulated SEQR invoice as one table, to be read against API.md §7. Amount rules (commit
 * above the reservation) and authentication are checked before an event reaches this table.
 */
public final class InvoiceStateMachine {

    /** What can happen to an invoice. */
    public enum Event {
        /** The customer confirms an invoice in one of the RESERVATION_* payment modes. */
        CUSTOMER_RESERVED,
        /** The customer confirms an IMMEDIATE_DEBIT invoice. */
        CUSTOMER_PAID,
        CUSTOMER_DECLINED,
        /** The customer's payment fails (e.g. the card is refused). */
        PAYMENT_FAILED,
        /** cancelInvoice. */
        MERCHANT_CANCELED,
        /** commitReservation. */
        MERCHANT_COMMITTED,
        /** sendInvoice on a registered (cash register) terminal replaces its open invoice (FAQ, API.md §7). */
        NEW_INVOICE_ON_TERMINAL,
        /** commitReservationTimeout seconds passed since the reservation. */
        COMMIT_TIMEOUT_PASSED,
        /** The 20-second rule: RESERVED or PAID and getPaymentStatus not called in time; SEQR reverses. */
        STATUS_NOT_POLLED
    }

    /** The result of an event: the invoice moves to a status, or the call is refused with a result code. */
    public sealed interface Outcome {
        record Move(InvoiceStatus to) implements Outcome {
        }

        record Refuse(SeqrResultCode code) implements Outcome {
        }
    }

    private record Row(InvoiceStatus from, Event event, Outcome outcome) {
    }

    // @formatter:off
    private static final List<Row> TABLE = List.of(
        //  from      event                     outcome                             source (API.md)
        row(ISSUED,   CUSTOMER_RESERVED,        to(RESERVED)),                   // §7 other transitions
        row(ISSUED,   CUSTOMER_PAID,            to(PAID)),                       // §7 other transitions
        row(ISSUED,   CUSTOMER_DECLINED,        to(CANCELED)),                   // [inferred]
        row(ISSUED,   PAYMENT_FAILED,           to(FAILED)),                     // §7 "→ FAILED (payment failed)"
        row(ISSUED,   MERCHANT_CANCELED,        to(CANCELED)),                   // §7
        row(ISSUED,   NEW_INVOICE_ON_TERMINAL,  to(CANCELED)),                   // §7 terminals (FAQ)
        row(ISSUED,   MERCHANT_COMMITTED,       refuse(INVOICE_STATE_NOT_RESERVED)), // §7 commit, 96

        row(RESERVED, MERCHANT_COMMITTED,       to(PAID)),                       // §7 prepin flow
        row(RESERVED, MERCHANT_CANCELED,        to(CANCELED)),                   // §7 [inferred: allowed]
        row(RESERVED, COMMIT_TIMEOUT_PASSED,    to(EXPIRED)),                    // §7 [inferred: EXPIRED]
        row(RESERVED, STATUS_NOT_POLLED,        to(CANCELED)),                   // §7 20-second rule

        row(PAID,     STATUS_NOT_POLLED,        to(CANCELED)),                   // §7 20-second rule (reversal)
        row(PAID,     MERCHANT_CANCELED,        refuse(CANNOT_CANCEL_PAID_INVOICE)),  // §6, 50
        row(PAID,     MERCHANT_COMMITTED,       refuse(INVOICE_STATE_NOT_RESERVED)),  // §6, 96

        row(CANCELED, MERCHANT_CANCELED,        refuse(INVOICE_ALREADY_CANCELED)),    // §6, 95
        row(CANCELED, MERCHANT_COMMITTED,       refuse(INVOICE_STATE_NOT_RESERVED)),  // §6, 96

        row(EXPIRED,  MERCHANT_CANCELED,        refuse(INVOICE_ALREADY_CANCELED)),    // [inferred]
        row(EXPIRED,  MERCHANT_COMMITTED,       refuse(INVOICE_STATE_NOT_RESERVED)),  // §7 [inferred]

        row(FAILED,   MERCHANT_CANCELED,        refuse(INVOICE_ALREADY_CANCELED)),    // [inferred]
        row(FAILED,   MERCHANT_COMMITTED,       refuse(INVOICE_STATE_NOT_RESERVED))   // §6, 96
    );
    // @formatter:on

    private static final Map<InvoiceStatus, Map<Event, Outcome>> LOOKUP = index();

    private InvoiceStateMachine() {
    }

    /**
     * The outcome of {@code event} in status {@code from}; empty when the event does not apply there (a
     * customer action on a paid invoice, a timeout that fired after a cancel): nothing happens.
     */
    public static Optional<Outcome> apply(InvoiceStatus from, Event event) {
        return Optional.ofNullable(LOOKUP.getOrDefault(from, Map.of()).get(event));
    }

    private static Row row(InvoiceStatus from, Event event, Outcome outcome) {
        return new Row(from, event, outcome);
    }

    private static Outcome to(InvoiceStatus status) {
        return new Outcome.Move(status);
    }

    private static Outcome refuse(SeqrResultCode code) {
        return new Outcome.Refuse(code);
    }

    private static Map<InvoiceStatus, Map<Event, Outcome>> index() {
        Map<InvoiceStatus, Map<Event, Outcome>> byStatus = new EnumMap<>(InvoiceStatus.class);
        for (Row row : TABLE) {
            Outcome previous = byStatus.computeIfAbsent(row.from(), s -> new EnumMap<>(Event.class))
                    .put(row.event(), row.outcome());
            if (previous != null) {
                throw new IllegalStateException("Duplicate row " + row.from() + " + " + row.event());
            }
        }
        return byStatus;
    }
}
