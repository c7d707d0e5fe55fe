package com.seqrbackoffice.seqr.client;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One invoice row as SEQR shows it to the customer. Its amount is in the invoice's currency, which is why a row
 * carries none of its own: SEQR refuses rows whose currency differs from the total's (49).
 *
 * @param description text shown to the customer, may be null
 * @param sku         the merchant's article number, may be null
 * @param quantity    required by SEQR's certification; negative rows (discounts) are allowed
 * @param totalAmount the row's total, at most 2 decimals
 * @param taxRate     percent, e.g. 25; may be null
 */
public record SeqrInvoiceRow(String description, String sku, BigDecimal quantity, BigDecimal totalAmount,
                             BigDecimal taxRate) {

    public SeqrInvoiceRow {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(totalAmount, "totalAmount");
    }
}
