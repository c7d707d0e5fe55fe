package com.seqrbackoffice.payments;

import java.util.List;

/** A till asks for a preliminary payment (queue {@code pos.payment.requests}). */
public record PaymentRequest(String messageId, String terminalId, String orderId, String title, Money amount,
                             Long commitReservationTimeoutSeconds, String cashierId, List<ItemRow> rows) {
}
