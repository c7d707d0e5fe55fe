package com.seqrbackoffice.seqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqrbackoffice.seqr.api.AcknowledgmentMode;
import com.seqrbackoffice.seqr.api.Amount;
import com.seqrbackoffice.seqr.api.ClientContext;
import com.seqrbackoffice.seqr.api.ErswsPaymentStatusResponse;
import com.seqrbackoffice.seqr.api.ErswsSendInvoiceResponse;
import com.seqrbackoffice.seqr.api.Invoice;
import com.seqrbackoffice.seqr.api.InvoiceStatus;
import com.seqrbackoffice.seqr.api.PaymentInvoiceRow;
import com.seqrbackoffice.seqr.api.PaymentMode;
import com.seqrbackoffice.seqr.api.PrincipalId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** The emulator's SOAP implementation without HTTP, on a clock the test moves. */
final class InProcessSeqr {

    static final String SHOP_TERMINAL = "public_test_shop_terminal";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    final Counters counters = new Counters();
    final FaultInjector faults = new FaultInjector();
    final StatusPollIntervals pollIntervals = new StatusPollIntervals();
    final SeqrBackend backend;
    final MerchantEndpoint seqr;

    InProcessSeqr(EmulatorSettings settings) {
        backend = new SeqrBackend(settings, clock, counters);
        backend.onStatusPoll(pollIntervals::polled);
        seqr = new MerchantEndpoint(backend, faults, counters, pollIntervals, settings.latency(), new CallPauses());
    }

    InProcessSeqr() {
        this(EmulatorSettings.defaults());
    }

    static ClientContext terminal(String terminalId, String password) {
        return context("TERMINALID", terminalId, null, password);
    }

    static ClientContext shopTerminal() {
        return terminal(SHOP_TERMINAL, "12345678");
    }

    static ClientContext reseller() {
        return context("RESELLERUSER", "public_test_shop", "9900", "1234");
    }

    static ClientContext context(String type, String id, String userId, String password) {
        PrincipalId principal = new PrincipalId();
        principal.setType(type);
        principal.setId(id);
        principal.setUserId(userId);
        ClientContext context = new ClientContext();
        context.setChannel("WS");
        context.setClientId("emulator-test");
        context.setClientReference("test");
        context.setClientRequestTimeout(0);
        context.setInitiatorPrincipalId(principal);
        context.setPassword(password);
        return context;
    }

    static Amount amount(String value, String currency) {
        Amount amount = new Amount();
        amount.setValue(new BigDecimal(value));
        amount.setCurrency(currency);
        return amount;
    }

    /** An invoice with one row for the whole amount. */
    static Invoice invoice(PaymentMode mode, String value, String currency, Long commitTimeoutSeconds) {
        Invoice invoice = new Invoice();
        invoice.setPaymentMode(mode);
        invoice.setAcknowledgmentMode(AcknowledgmentMode.NO_ACKNOWLEDGMENT);
        invoice.setTitle("Pump 4");
        invoice.setClientInvoiceId("order-" + value);
        invoice.setCashierId("anna");
        invoice.setFooter("Thank you");
        invoice.setTotalAmount(amount(value, currency));
        invoice.setInvoiceRows(new Invoice.InvoiceRows());
        invoice.getInvoiceRows().getInvoiceRow().add(row(value, currency));
        invoice.setCommitReservationTimeout(commitTimeoutSeconds);
        return invoice;
    }

    static PaymentInvoiceRow row(String value, String currency) {
        PaymentInvoiceRow row = new PaymentInvoiceRow();
        row.setItemDescription("Fuel 95");
        row.setItemQuantity(BigDecimal.ONE);
        row.setItemTotalAmount(amount(value, currency));
        return row;
    }

    static Invoice preliminary(String value) {
        return invoice(PaymentMode.RESERVATION_REQUIRED_PRELIMINARY_AMOUNT, value, "SEK", 3600L);
    }

    String issue(ClientContext context, Invoice invoice) {
        ErswsSendInvoiceResponse response = seqr.sendInvoice(context, invoice, null);
        assertThat(response.getResultCode()).as(response.getResultDescription()).isZero();
        return response.getInvoiceReference();
    }

    String issue(Invoice invoice) {
        return issue(shopTerminal(), invoice);
    }

    /** A preliminary invoice the customer confirmed and the cash register saw RESERVED. */
    String reserved(String value) {
        String reference = issue(preliminary(value));
        backend.confirm(reference);
        assertThat(poll(reference).getStatus()).isEqualTo(InvoiceStatus.RESERVED);
        return reference;
    }

    ErswsPaymentStatusResponse poll(String reference) {
        return seqr.getPaymentStatus(shopTerminal(), reference, 0);
    }

    /** The status as the emulator holds it, without a getPaymentStatus (which would acknowledge it). */
    InvoiceStatus status(String reference) {
        return view(reference).status();
    }

    InvoiceView view(String reference) {
        return backend.invoice(reference).orElseThrow();
    }

    int commit(String reference, String value) {
        return seqr.commitReservation(shopTerminal(), value == null ? null : amount(value, "SEK"), reference)
                .getResultCode();
    }

    int cancel(String reference) {
        return seqr.cancelInvoice(shopTerminal(), reference).getResultCode();
    }

    /** Moves time on and fires what became due, as the background sweeper would. */
    void advance(Duration duration) {
        clock.advance(duration);
        backend.sweep();
    }
}
