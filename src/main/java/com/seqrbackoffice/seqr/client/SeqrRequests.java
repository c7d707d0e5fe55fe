package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.AcknowledgmentMode;
import com.seqrbackoffice.seqr.api.Amount;
import com.seqrbackoffice.seqr.api.ClientContext;
import com.seqrbackoffice.seqr.api.Invoice;
import com.seqrbackoffice.seqr.api.MapArray;
import com.seqrbackoffice.seqr.api.Parameter;
import com.seqrbackoffice.seqr.api.ParameterMap;
import com.seqrbackoffice.seqr.api.PaymentInvoiceRow;
import com.seqrbackoffice.seqr.api.PaymentMode;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The body of each SEQR call the routes make. camel-cxf in POJO mode takes a wrapped operation's parameters as a
 * list in the order of the service interface, so every method here returns exactly that list; the route then
 * calls {@code cxf:bean:seqr} with the matching operation name.
 */
public final class SeqrRequests {

    /** markTransactionPeriod / executeReport parameter that narrows a report to one terminal. */
    public static final String TERMINAL_PARAMETER = "TERMINALID";
    /** executeReport parameter naming the period markTransactionPeriod returned. */
    public static final String TRANSACTION_PERIOD_PARAMETER = "transactionPeriodId";

    private static final DatatypeFactory DATATYPES = datatypeFactory();

    private final SeqrContexts contexts;
    private final Clock clock;

    public SeqrRequests(SeqrContexts contexts) {
        this(contexts, Clock.systemUTC());
    }

    public SeqrRequests(SeqrContexts contexts, Clock clock) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * sendInvoice as a preliminary payment: SEQR reserves the (maximum) total and the merchant commits the final
     * amount later. No loyalty, so no acknowledgment round trip and no customer tokens.
     */
    public List<Object> sendInvoice(TerminalCredentials terminal, SeqrInvoice invoice) {
        return parameters(contexts.terminal(terminal), preliminary(invoice), List.of());
    }

    /** getPaymentStatus; {@code version} echoes the last one seen, 0 on the first poll. */
    public List<Object> getPaymentStatus(TerminalCredentials terminal, String invoiceReference, int version) {
        return parameters(contexts.terminal(terminal), invoiceReference, version);
    }

    /** updateInvoice with the final rows and total before the commit. */
    public List<Object> updateInvoice(TerminalCredentials terminal, String invoiceReference, SeqrInvoice invoice) {
        return parameters(contexts.terminal(terminal), invoiceReference, preliminary(invoice), List.of());
    }

    /** commitReservation of the final amount, usually lower than the reserved one. */
    public List<Object> commitReservation(TerminalCredentials terminal, String invoiceReference, BigDecimal amount,
                                          String currency) {
        return parameters(contexts.terminal(terminal), amount(amount, currency), invoiceReference);
    }

    public List<Object> cancelInvoice(TerminalCredentials terminal, String invoiceReference) {
        return parameters(contexts.terminal(terminal), invoiceReference);
    }

    /**
     * refundPayment of the paid payment {@code ersReference}; the refund invoice's total is the amount refunded,
     * partial or whole.
     */
    public List<Object> refundPayment(TerminalCredentials terminal, String ersReference, SeqrInvoice refund) {
        return parameters(contexts.terminal(terminal), ersReference, invoice(refund));
    }

    /** registerTerminal as the reseller user; the answer carries SEQR's terminal id. */
    public List<Object> registerTerminal(String externalTerminalId, String password, String name) {
        return parameters(contexts.reseller(), externalTerminalId, password, name);
    }

    /** unregisterTerminal authenticates as the terminal being removed. */
    public List<Object> unregisterTerminal(TerminalCredentials terminal) {
        return parameters(contexts.terminal(terminal));
    }

    public List<Object> assignSeqrId(TerminalCredentials terminal, String seqrId) {
        return parameters(contexts.terminal(terminal), seqrId);
    }

    /** markTransactionPeriod shop-wide, or for one terminal when {@code seqrTerminalId} is not null. */
    public List<Object> markTransactionPeriod(String seqrTerminalId) {
        return parameters(contexts.reseller(), parameterMap(seqrTerminalId == null
                ? List.of()
                : List.of(parameter(TERMINAL_PARAMETER, seqrTerminalId))));
    }

    /**
     * executeReport of a marked period; terminal reports (STD_RECON_006/007) need the same {@code seqrTerminalId}
     * the period was marked with, shop reports take null.
     */
    public List<Object> executeReport(String reportId, String language, String transactionPeriodId,
                                      String seqrTerminalId) {
        List<Parameter> parameters = seqrTerminalId == null
                ? List.of(parameter(TRANSACTION_PERIOD_PARAMETER, transactionPeriodId))
                : List.of(parameter(TRANSACTION_PERIOD_PARAMETER, transactionPeriodId),
                        parameter(TERMINAL_PARAMETER, seqrTerminalId));
        return parameters(contexts.reseller(), reportId, language, parameterMap(parameters));
    }

    private Invoice preliminary(SeqrInvoice source) {
        Invoice invoice = invoice(source);
        invoice.setPaymentMode(PaymentMode.RESERVATION_REQUIRED_PRELIMINARY_AMOUNT);
        // Without it SEQR's app waits for an acknowledgment that never comes (API.md, FAQ)
        invoice.setAcknowledgmentMode(AcknowledgmentMode.NO_ACKNOWLEDGMENT);
        invoice.setCommitReservationTimeout(source.commitReservationTimeoutSeconds());
        return invoice;
    }

    private Invoice invoice(SeqrInvoice source) {
        Invoice invoice = new Invoice();
        // toString() leaves out zero seconds ("10:00Z"), which xs:dateTime refuses: the formatter always writes them
        invoice.setIssueDate(DATATYPES.newXMLGregorianCalendar(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS))));
        invoice.setTitle(source.title());
        invoice.setClientInvoiceId(source.clientInvoiceId());
        if (!source.rows().isEmpty()) {
            Invoice.InvoiceRows rows = new Invoice.InvoiceRows();
            for (SeqrInvoiceRow row : source.rows()) {
                rows.getInvoiceRow().add(row(row, source.currency()));
            }
            invoice.setInvoiceRows(rows);
        }
        invoice.setTotalAmount(amount(source.totalAmount(), source.currency()));
        invoice.setCashierId(source.cashierId());
        invoice.setFooter(source.footer());
        return invoice;
    }

    private static PaymentInvoiceRow row(SeqrInvoiceRow source, String currency) {
        PaymentInvoiceRow row = new PaymentInvoiceRow();
        row.setItemDescription(source.description());
        row.setItemSKU(source.sku());
        row.setItemQuantity(source.quantity());
        row.setItemTotalAmount(amount(source.totalAmount(), currency));
        row.setItemTaxRate(source.taxRate());
        return row;
    }

    /**
     * SEQR's amount format is "#.##": a third decimal would be rounded somewhere we cannot see, so it is refused
     * here instead of silently changing the money.
     */
    static Amount amount(BigDecimal value, String currency) {
        Objects.requireNonNull(value, "amount");
        Objects.requireNonNull(currency, "currency");
        Amount amount = new Amount();
        try {
            amount.setValue(value.setScale(2, RoundingMode.UNNECESSARY));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Amount " + value.toPlainString() + " " + currency
                    + " has more than 2 decimals");
        }
        amount.setCurrency(currency);
        return amount;
    }

    private static ParameterMap parameterMap(List<Parameter> entries) {
        MapArray array = new MapArray();
        array.getEntry().addAll(entries);
        ParameterMap map = new ParameterMap();
        map.setParameter(array);
        return map;
    }

    private static Parameter parameter(String key, String value) {
        Parameter parameter = new Parameter();
        parameter.setKey(key);
        parameter.setValue(value);
        return parameter;
    }

    // Optional SOAP parameters are passed as null
    private static List<Object> parameters(ClientContext context, Object... rest) {
        return new SeqrParameters(context, rest);
    }

    private static DatatypeFactory datatypeFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("No XML datatype factory", e);
        }
    }
}
