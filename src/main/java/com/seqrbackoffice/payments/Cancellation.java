package com.seqrbackoffice.payments;

/** A till cancels an unpaid or reserved payment (queue {@code pos.payment.cancellations}). */
public record Cancellation(String messageId, String orderId, String reason) {
}
