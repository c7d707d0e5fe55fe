package com.seqrbackoffice.payments;

import java.util.List;

/** The order system's final rows and amount for an order (queue {@code orders.fulfilment}). */
public record Fulfilment(String messageId, String orderId, Money finalAmount, List<ItemRow> rows) {
}
