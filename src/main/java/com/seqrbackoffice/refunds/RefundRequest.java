package com.seqrbackoffice.refunds;

import com.seqrbackoffice.payments.Money;

/**
 * The back office refunds part or all of a paid payment (queue {@code backoffice.refunds}). The payment is named
 * by {@code orderId} or {@code invoiceReference}; {@code refundId} is the idempotency key of the refund.
 */
public record RefundRequest(String messageId, String refundId, String orderId, String invoiceReference,
                            Money amount, String reason) {
}
