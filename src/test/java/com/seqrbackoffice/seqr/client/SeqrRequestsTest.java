package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.AcknowledgmentMode;
import com.seqrbackoffice.seqr.api.Amount;
import com.seqrbackoffice.seqr.api.ClientContext;
import com.seqrbackoffice.seqr.api.ERSWSExternalClientService;
import com.seqrbackoffice.seqr.api.Invoice;
import com.seqrbackoffice.seqr.api.Parameter;
import com.seqrbackoffice.seqr.api.ParameterMap;
import com.seqrbackoffice.seqr.api.PaymentInvoiceRow;
import com.seqrbackoffice.seqr.api.PaymentMode;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeqrRequestsTest {

    private static final TerminalCredentials TERMINAL = new TerminalCredentials("terminal-1", "s3cret");
    private static final SeqrInvoice INVOICE = new SeqrInvoice("order-123", "Pump 4", "SEK", new BigDecimal("500"),
            List.of(new SeqrInvoiceRow("Fuel 95", "F95", BigDecimal.ONE, new BigDecimal("500.00"), new BigDecimal("25"))),
            "anna", "Thank you", 3600L);

    private final SeqrRequests requests = new SeqrRequests(new SeqrContexts(SeqrContextsTest.SETTINGS),
            Clock.fixed(Instant.parse("2026-11-27T10:00:03.456Z"), ZoneOffset.UTC));

    @Test
    void everyBuilderMatchesItsServiceMethodParameterByParameter() {
        assertMatchesService("sendInvoice", requests.sendInvoice(TERMINAL, INVOICE));
        assertMatchesService("getPaymentStatus", requests.getPaymentStatus(TERMINAL, "1397222701693", 0));
        assertMatchesService("updateInvoice", requests.updateInvoice(TERMINAL, "1397222701693", INVOICE));
        assertMatchesService("commitReservation",
                requests.commitReservation(TERMINAL, "1397222701693", new BigDecimal("420"), "SEK"));
        assertMatchesService("cancelInvoice", requests.cancelInvoice(TERMINAL, "1397222701693"));
        assertMatchesService("refundPayment", requests.refundPayment(TERMINAL, "2015102910184861801032678", INVOICE));
        assertMatchesService("registerTerminal", requests.registerTerminal("till-07", "pw", "Till 7"));
        assertMatchesService("unregisterTerminal", requests.unregisterTerminal(TERMINAL));
        assertMatchesService("assignSeqrId", requests.assignSeqrId(TERMINAL, "MAINST07"));
        assertMatchesService("markTransactionPeriod", requests.markTransactionPeriod(null));
        assertMatchesService("executeReport",
                requests.executeReport("Reconciliation/Shop.xml", "en", "2012053119463656301000002", null));
    }

    @Test
    void invoiceIssuedAtAWholeMinuteStillCarriesItsSeconds() {
        SeqrRequests atWholeMinute = new SeqrRequests(new SeqrContexts(SeqrContextsTest.SETTINGS),
                Clock.fixed(Instant.parse("2026-11-27T10:00:00.250Z"), ZoneOffset.UTC));

        Invoice invoice = (Invoice) atWholeMinute.sendInvoice(TERMINAL, INVOICE).get(1);

        assertThat(invoice.getIssueDate().toXMLFormat()).isEqualTo("2026-11-27T10:00:00Z");
    }

    @Test
    void sendInvoiceAsksForAPreliminaryReservationWithoutAcknowledgment() {
        List<Object> parameters = requests.sendInvoice(TERMINAL, INVOICE);
        Invoice invoice = (Invoice) parameters.get(1);

        assertThat(((ClientContext) parameters.get(0)).getInitiatorPrincipalId().getId()).isEqualTo("terminal-1");
        assertThat(invoice.getPaymentMode()).isEqualTo(PaymentMode.RESERVATION_REQUIRED_PRELIMINARY_AMOUNT);
        assertThat(invoice.getAcknowledgmentMode()).isEqualTo(AcknowledgmentMode.NO_ACKNOWLEDGMENT);
        assertThat(invoice.getCommitReservationTimeout()).isEqualTo(3600L);
        assertThat(invoice.getIssueDate().toXMLFormat()).isEqualTo("2026-11-27T10:00:03Z");
        assertThat(invoice.getTitle()).isEqualTo("Pump 4");
        assertThat(invoice.getClientInvoiceId()).isEqualTo("order-123");
        assertThat(invoice.getCashierId()).isEqualTo("anna");
        assertThat(invoice.getFooter()).isEqualTo("Thank you");
        assertAmount(invoice.getTotalAmount(), "500.00", "SEK");
        PaymentInvoiceRow row = invoice.getInvoiceRows().getInvoiceRow().get(0);
        assertThat(row.getItemDescription()).isEqualTo("Fuel 95");
        assertThat(row.getItemSKU()).isEqualTo("F95");
        assertThat(row.getItemQuantity()).isEqualByComparingTo("1");
        assertThat(row.getItemTaxRate()).isEqualByComparingTo("25");
        assertAmount(row.getItemTotalAmount(), "500.00", "SEK");
    }

    @Test
    void commitReservationCarriesTheFinalAmountBeforeTheReference() {
        List<Object> parameters = requests.commitReservation(TERMINAL, "1397222701693", new BigDecimal("420.5"), "SEK");

        assertAmount((Amount) parameters.get(1), "420.50", "SEK");
        assertThat(parameters.get(2)).isEqualTo("1397222701693");
    }

    @Test
    void refundInvoiceCarriesTheRefundedAmountAndNoPaymentMode() {
        SeqrInvoice refund = new SeqrInvoice("refund-9", "Refund", "SEK", new BigDecimal("20"), List.of(), "anna",
                null, null);

        Invoice invoice = (Invoice) requests.refundPayment(TERMINAL, "2015102910184861801032678", refund).get(2);

        assertThat(invoice.getPaymentMode()).isNull();
        assertThat(invoice.getInvoiceRows()).isNull();
        assertAmount(invoice.getTotalAmount(), "20.00", "SEK");
    }

    @Test
    void resellerOperationsAuthenticateAsTheReseller() {
        assertThat(principalType(requests.registerTerminal("till-07", "pw", "Till 7"))).isEqualTo("RESELLERUSER");
        assertThat(principalType(requests.markTransactionPeriod(null))).isEqualTo("RESELLERUSER");
        assertThat(principalType(requests.executeReport("r", "en", "p", null))).isEqualTo("RESELLERUSER");
        assertThat(principalType(requests.unregisterTerminal(TERMINAL))).isEqualTo("TERMINALID");
    }

    @Test
    void reportParametersNameThePeriodAndOptionallyTheTerminal() {
        assertThat(entries((ParameterMap) requests.markTransactionPeriod(null).get(1))).isEmpty();
        assertThat(entries((ParameterMap) requests.markTransactionPeriod("terminal-1").get(1)))
                .containsExactly("TERMINALID=terminal-1");
        assertThat(entries((ParameterMap) requests.executeReport("Reconciliation/STD_RECON_006.xml", "en",
                "2012053119463656301000002", "terminal-1").get(3)))
                .containsExactly("transactionPeriodId=2012053119463656301000002", "TERMINALID=terminal-1");
    }

    @Test
    void anAmountWithMoreThanTwoDecimalsIsRefusedRatherThanRounded() {
        assertThatThrownBy(() -> requests.commitReservation(TERMINAL, "1", new BigDecimal("1.005"), "SEK"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.005");
    }

    private static void assertMatchesService(String operation, List<Object> parameters) {
        Method method = Arrays.stream(ERSWSExternalClientService.class.getMethods())
                .filter(m -> m.getName().equals(operation))
                .findFirst()
                .orElseThrow();
        Class<?>[] types = method.getParameterTypes();
        assertThat(parameters).as(operation).hasSize(types.length);
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i] == int.class ? Integer.class : types[i];
            if (parameters.get(i) != null) {
                assertThat(parameters.get(i)).as(operation + " parameter " + i).isInstanceOf(type);
            }
        }
        assertThat(parameters.get(0)).as(operation + " context").isInstanceOf(ClientContext.class);
    }

    private static String principalType(List<Object> parameters) {
        return ((ClientContext) parameters.get(0)).getInitiatorPrincipalId().getType();
    }

    private static List<String> entries(ParameterMap map) {
        return map.getParameter().getEntry().stream().map(SeqrRequestsTest::entry).toList();
    }

    private static String entry(Parameter parameter) {
        return parameter.getKey() + "=" + parameter.getValue();
    }

    private static void assertAmount(Amount amount, String value, String currency) {
        assertThat(amount.getValue().toPlainString()).isEqualTo(value);
        assertThat(amount.getCurrency()).isEqualTo(currency);
    }
}
