package com.seqrbackoffice.payments;

import java.math.BigDecimal;
import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;

import com.seqrbackoffice.seqr.client.SeqrException;
import com.seqrbackoffice.seqr.client.SeqrPermanentException;
import com.seqrbackoffice.terminals.PasswordRedaction;

/** Makes the events tills receive: one per status change, one per refused message. */
public final class PaymentEvents {

    private static final String QR_PREFIX = "HTTP://SEQR.SE/R";
    private static final int MAX_ECHOED_ID = 128;

    public static final String HOLD_EXPIRY_WARNING = "HOLD_EXPIRY_WARNING";

    private final Clock clock;

    public PaymentEvents(Clock clock) {
        this.clock = clock;
    }

    /** A status event; RESERVED carries the hold's commit deadline as captureBefore (the till's time to commit). */
    public PaymentEvent status(Payment payment, PaymentStatus status, String reason) {
        boolean paid = status == PaymentStatus.PAID;
        return new PaymentEvent(payment.orderId() + ":" + status, PaymentEvent.STATUS, payment.orderId(),
                payment.terminalId(), payment.invoiceReference(), status.name(),
                status == PaymentStatus.ISSUED ? QR_PREFIX + payment.invoiceReference() : null,
                payment.reservedAmount(), status == PaymentStatus.RESERVED ? payment.commitDeadline() : null,
                paid ? payment.finalMoney() : null, paid ? payment.ersReference() : null,
                null, reason, null, null, null, clock.instant());
    }

    /** REFUNDED: a refund of the paid payment, with its refund id and amount (SEQR's reference of it as ersReference). */
    public PaymentEvent refunded(Payment payment, String refundId, BigDecimal amount, String refundErsReference) {
        return new PaymentEvent(payment.orderId() + ":REFUNDED:" + refundId, PaymentEvent.STATUS, payment.orderId(),
                payment.terminalId(), payment.invoiceReference(), "REFUNDED", null, new Money(amount, payment.currency()),
                payment.finalMoney(),
                refundErsReference, refundId, null, null, null, null, clock.instant());
    }

    /** HOLD_EXPIRY_WARNING: a reservation that is not committed yet will expire at its commit deadline. */
    public PaymentEvent holdExpiryWarning(Payment payment) {
        return new PaymentEvent(payment.orderId() + ":" + HOLD_EXPIRY_WARNING, HOLD_EXPIRY_WARNING, payment.orderId(),
                payment.terminalId(), payment.invoiceReference(), payment.status().name(), null,
                payment.reservedAmount(), payment.commitDeadline(), null, null, null, null, null, null,
                "the hold of " + payment.reservedAmount() + " expires at " + payment.commitDeadline()
                        + " unless the order is fulfilled", clock.instant());
    }

    /**
     * The ERROR event for a message that was refused. Its ids come from the raw message as far as it can be
     * read, since a refused message may be malformed. The event id names the refused delivery (the broker's
     * message id): the same bad message sent twice is refused twice, and a second event with the first one's
     * duplicate id would fail the transaction that refuses it. A password in the message is never quoted.
     */
    public PaymentEvent error(String rawMessage, Exception caught, String refusedMessageId) {
        Throwable failure = meaningfulCause(caught);
        JsonNode message = readLeniently(rawMessage);
        String sourceMessageId = text(message, "messageId");
        String code = errorCode(failure);
        return new PaymentEvent((sourceMessageId == null ? "unidentified" : sourceMessageId) + ":ERROR:" + refusedMessageId,
                PaymentEvent.ERROR, text(message, "orderId"), text(message, "terminalId"), null, null, null, null,
                null, null, text(message, "refundId"), null, sourceMessageId, code,
                PasswordRedaction.redact(rawMessage, failure.getMessage()), clock.instant());
    }

    /** Camel wraps what a bean step throws; the reason a till is told is the product's own exception inside. */
    static Throwable meaningfulCause(Throwable caught) {
        for (Throwable cause = caught; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidMessageException || cause instanceof SeqrException) {
                return cause;
            }
        }
        return caught;
    }

    static String errorCode(Throwable failure) {
        if (failure instanceof InvalidMessageException invalid) {
            return invalid.getCode();
        }
        if (failure instanceof SeqrPermanentException seqr) {
            return "SEQR_" + seqr.getCodeName();
        }
        return "PROCESSING_FAILED";
    }

    private static JsonNode readLeniently(String raw) {
        try {
            return raw == null ? null : Json.MAPPER.readTree(raw);
        } catch (Exception e) {
            return null;
        }
    }

    // An id from a refused message is echoed for correlation only, so an oversized one is cut
    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.asText();
        return text.length() > MAX_ECHOED_ID ? text.substring(0, MAX_ECHOED_ID) : text;
    }
}
