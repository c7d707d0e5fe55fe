package com.seqrbackoffice.reporting;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One {@code <Row>} of a SEQR reconciliation report: a payment, a refund or a reversal. The amount is always
 * positive; the type gives its direction.
 *
 * @param ersReference        the transaction's own reference (a refund's reference for a REFUND row)
 * @param paymentErsReference the reference of the payment it belongs to
 * @param clientInvoiceId     the merchant's invoice id: the order id
 * @param seqrTerminalId      SEQR's terminal id (not the till's own id)
 */
public record ReportRow(String type, Instant time, String invoiceReference, String ersReference,
                        String paymentErsReference, String clientInvoiceId, String seqrTerminalId, BigDecimal amount,
                        String currency) {

    public static final String PAYMENT = "PAYMENT";
    public static final String REFUND = "REFUND";
    public static final String REVERSAL = "REVERSAL";

    /** The amount as it moves the shop's net: payments add, refunds and reversals subtract. */
    public BigDecimal signedAmount() {
        return PAYMENT.equals(type) ? amount : amount.negate();
    }

    /**
     * What ties the row to a ledger entry: a payment by its invoice reference (the ledger's CAPTURE), a refund by
     * its own ersReference (the ledger's REFUND). A reversal has no ledger counterpart.
     */
    public String matchKey() {
        return switch (type) {
            case PAYMENT -> "PAYMENT:" + invoiceReference;
            case REFUND -> "REFUND:" + ersReference;
            default -> type + ":" + invoiceReference + ":" + ersReference;
        };
    }
}
