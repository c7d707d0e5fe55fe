package com.seqrbackoffice.seqr.emulator;

import com.seqrbackoffice.seqr.api.InvoiceStatus;
import java.math.BigDecimal;

/**
 * A snapshot of one emulated invoice, as the customer app and tests see it. Amounts are decimal strings as in
 * the product's messages; reservedAmount, paidAmount and ersReference are null until they exist.
 */
public record InvoiceView(String invoiceReference, String terminal, String clientInvoiceId, String title,
                          Money amount, InvoiceStatus status, int version, String paymentMode,
                          Money reservedAmount, Money paidAmount, Money refundedAmount, String ersReference,
                          boolean reversed) {

    public record Money(String value, String currency) {
        static Money of(BigDecimal value, String currency) {
            return value == null ? null : new Money(value.toPlainString(), currency);
        }
    }
}
