package com.seqrbackoffice.payments;

import java.math.BigDecimal;

/** One row of a payment request or a fulfilment, as the till or order system sends it. */
public record ItemRow(String description, String sku, BigDecimal quantity, Money totalAmount, BigDecimal taxRate) {
}
