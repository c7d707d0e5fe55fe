package com.seqrbackoffice.seqr.emulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One money movement SEQR reports in reconciliation: a payment, a refund of it, or SEQR's reversal of a payment
 * the cash register never acknowledged (API.md §7, 20-second rule).
 *
 * @param ersReference        this movement's reference (a refund's own ersReference; a reversal repeats the
 *                            payment's)
 * @param paymentErsReference the payment this movement belongs to (equal to ersReference for a payment)
 */
record Transaction(long sequence, Type type, Instant time, String invoiceReference, String ersReference,
                   String paymentErsReference, String clientInvoiceId, String terminalId, String resellerId,
                   BigDecimal amount, String currency) {

    enum Type {
        PAYMENT, REFUND, REVERSAL
    }
}
