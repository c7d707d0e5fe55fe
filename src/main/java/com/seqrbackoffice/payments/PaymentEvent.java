package com.seqrbackoffice.payments;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event on {@code pos.payment.events} (CONTRACTS.md). The event id is derived from what happened, so a
 * resend of the same event carries the same id and the broker's duplicate detection drops it.
 *
 * @param captureBefore a hold's commit deadline (RESERVED, HOLD_EXPIRY_WARNING): SEQR expires the hold then
 */
public record PaymentEvent(String eventId, String type, String orderId, String terminalId, String invoiceReference,
                           String status, String qrCode, Money amount, Instant captureBefore, Money finalAmount,
                           String ersReference, String refundId, String reason, String sourceMessageId, String code,
                           String message, Instant at) {

    public static final String STATUS = "PAYMENT_STATUS";
    public static final String ERROR = "ERROR";

    /** An event that names no hold deadline. */
    public PaymentEvent(String eventId, String type, String orderId, String terminalId, String invoiceReference,
                        String status, String qrCode, Money amount, Money finalAmount, String ersReference,
                        String refundId, String reason, String sourceMessageId, String code, String message,
                        Instant at) {
        this(eventId, type, orderId, terminalId, invoiceReference, status, qrCode, amount, null, finalAmount,
                ersReference, refundId, reason, sourceMessageId, code, message, at);
    }

    @JsonIgnore
    public String json() {
        return Json.write(this);
    }

    /** An event as it was sent (its {@link #json()}, as the ledger keeps it), to send it again unchanged. */
    public static PaymentEvent fromJson(String json) {
        return Json.read(json, PaymentEvent.class);
    }
}
