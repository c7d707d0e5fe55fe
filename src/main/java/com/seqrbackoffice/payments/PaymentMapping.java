package com.seqrbackoffice.payments;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.seqrbackoffice.seqr.api.ErswsSendInvoiceResponse;
import com.seqrbackoffice.seqr.client.SeqrInvoice;
import com.seqrbackoffice.seqr.client.SeqrInvoiceRow;

/** Maps the product's messages to SEQR invoices and to the ledger's view of a payment. */
public final class PaymentMapping {

    private final long defaultCommitTimeoutSeconds;
    private final Duration confirmationTimeout;
    private final String defaultTitle;
    private final Clock clock;

    public PaymentMapping(long defaultCommitTimeoutSeconds, Duration confirmationTimeout, String defaultTitle, Clock clock) {
        this.defaultCommitTimeoutSeconds = defaultCommitTimeoutSeconds;
        this.confirmationTimeout = confirmationTimeout;
        this.defaultTitle = defaultTitle;
        this.clock = clock;
    }

    /** The preliminary invoice for a payment request: its amount is the most the commit may take. */
    public SeqrInvoice invoice(PaymentRequest request) {
        return new SeqrInvoice(request.orderId(), title(request.title()), request.amount().currency(),
                request.amount().value(), rows(request.rows()), request.cashierId(), null,
                commitTimeoutSeconds(request));
    }

    /** The invoice updateInvoice sends at fulfilment: the final rows and amount. */
    public SeqrInvoice finalInvoice(Payment payment, Fulfilment fulfilment) {
        return new SeqrInvoice(payment.orderId(), title(payment.title()), fulfilment.finalAmount().currency(),
                fulfilment.finalAmount().value(), rows(fulfilment.rows()), null, null, null);
    }

    /** The ledger's payment after a successful sendInvoice. */
    public Payment issued(PaymentRequest request, ErswsSendInvoiceResponse response) {
        Instant now = clock.instant();
        return new Payment(request.orderId(), request.messageId(), request.terminalId(), response.getInvoiceReference(),
                PaymentStatus.ISSUED, request.amount(), null, null, 0, title(request.title()),
                now.plus(confirmationTimeout), now.plusSeconds(commitTimeoutSeconds(request)), null);
    }

    public long commitTimeoutSeconds(PaymentRequest request) {
        Long requested = request.commitReservationTimeoutSeconds();
        return requested == null ? defaultCommitTimeoutSeconds : requested;
    }

    private String title(String title) {
        return title == null || title.isBlank() ? defaultTitle : title;
    }

    private static List<SeqrInvoiceRow> rows(List<ItemRow> rows) {
        return rows.stream()
                .map(row -> new SeqrInvoiceRow(row.description(), row.sku(),
                        row.quantity() == null ? BigDecimal.ONE : row.quantity(), row.totalAmount().value(), row.taxRate()))
                .toList();
    }
}
