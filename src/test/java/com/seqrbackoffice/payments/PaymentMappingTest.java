package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.api.ErswsSendInvoiceResponse;
import com.seqrbackoffice.seqr.client.SeqrInvoice;
import com.seqrbackoffice.seqr.client.SeqrInvoiceRow;

/** A till's request and an order system's fulfilment as SEQR invoices, and the ledger's payment after sendInvoice. */
class PaymentMappingTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final PaymentMapping mapping = new PaymentMapping(3600, Duration.ofSeconds(120), "Shop",
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Money sek(String value) {
        return new Money(new BigDecimal(value), "SEK");
    }

    private static PaymentRequest request(String title, Long commitTimeout, List<ItemRow> rows) {
        return new PaymentRequest("m-1", "till-1", "order-1", title, sek("500.00"), commitTimeout, "cashier-7", rows);
    }

    @Test
    void aRequestIsAPreliminaryInvoiceForTheMostTheCommitMayTake() {
        List<ItemRow> rows = List.of(new ItemRow("Fuel", "95", new BigDecimal("40.5"), sek("500.00"), new BigDecimal("25")));

        SeqrInvoice invoice = mapping.invoice(request("Pump 4", 600L, rows));

        assertThat(invoice).isEqualTo(new SeqrInvoice("order-1", "Pump 4", "SEK", new BigDecimal("500.00"),
                List.of(new SeqrInvoiceRow("Fuel", "95", new BigDecimal("40.5"), new BigDecimal("500.00"),
                        new BigDecimal("25"))), "cashier-7", null, 600L));
    }

    @Test
    void aRequestWithoutTitleOrCommitTimeoutTakesTheDefaults() {
        SeqrInvoice invoice = mapping.invoice(request(" ", null, List.of()));

        assertThat(invoice.title()).isEqualTo("Shop");
        assertThat(invoice.commitReservationTimeoutSeconds()).isEqualTo(3600L);
        assertThat(invoice.rows()).isEmpty();
    }

    @Test
    void aRowWithoutQuantityIsOneOfIt() {
        List<ItemRow> rows = List.of(new ItemRow("Car wash", null, null, sek("99.00"), null));

        assertThat(mapping.invoice(request("Wash", null, rows)).rows()).singleElement()
                .satisfies(row -> assertThat(row.quantity()).isEqualTo(BigDecimal.ONE));
    }

    @Test
    void theFinalInvoiceHasTheFulfilmentsRowsAndAmountAndThePaymentsTitle() {
        Payment payment = new Payment("order-1", "m-1", "till-1", "1397222701693", PaymentStatus.RESERVED,
                sek("500.00"), null, null, 2, "Pump 4", NOW, NOW, null);
        Fulfilment fulfilment = new Fulfilment("f-1", "order-1", sek("412.30"),
                List.of(new ItemRow("Fuel", "95", new BigDecimal("21.3"), sek("412.30"), null)));

        SeqrInvoice invoice = mapping.finalInvoice(payment, fulfilment);

        assertThat(invoice).isEqualTo(new SeqrInvoice("order-1", "Pump 4", "SEK", new BigDecimal("412.30"),
                List.of(new SeqrInvoiceRow("Fuel", "95", new BigDecimal("21.3"), new BigDecimal("412.30"), null)),
                null, null, null));
    }

    @Test
    void anIssuedPaymentHasSeqrsReferenceAndItsDeadlinesFromNow() {
        ErswsSendInvoiceResponse response = new ErswsSendInvoiceResponse();
        response.setInvoiceReference("1397222701693");

        Payment issued = mapping.issued(request(null, 600L, List.of()), response);

        assertThat(issued).isEqualTo(new Payment("order-1", "m-1", "till-1", "1397222701693", PaymentStatus.ISSUED,
                sek("500.00"), null, null, 0, "Shop", NOW.plusSeconds(120), NOW.plusSeconds(600), null));
    }
}
