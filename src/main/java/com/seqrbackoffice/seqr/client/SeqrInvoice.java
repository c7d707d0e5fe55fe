package com.seqrbackoffice.seqr.client;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The merchant's side of an invoice: what {@link SeqrRequests} turns into SEQR's {@code invoice} for
 * sendInvoice, updateInvoice and refundPayment. The payment mode and issue date are not here because the
 * request builder sets them.
 *
 * @param clientInvoiceId                 the merchant's id for the invoice (the order id; the refund id for a
 *                                        refund)
 * @param title                           shown to the customer
 * @param currency                        ISO 4217 code of the total and of every row
 * @param totalAmount                     must equal the sum of the rows when there are rows; at most 2 decimals
 * @param rows                            may be empty
 * @param cashierId                       may be null
 * @param footer                          may be null
 * @param commitReservationTimeoutSeconds how long the merchant may commit a reservation; null outside sendInvoice
 */
public record SeqrInvoice(String clientInvoiceId, String title, String currency, BigDecimal totalAmount,
                          List<SeqrInvoiceRow> rows, String cashierId, String footer,
                          Long commitReservationTimeoutSeconds) {

    public SeqrInvoice {
        Objects.requireNonNull(clientInvoiceId, "clientInvoiceId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(totalAmount, "totalAmount");
        rows = rows == null ? List.of() : List.copyOf(rows);
    }
}
