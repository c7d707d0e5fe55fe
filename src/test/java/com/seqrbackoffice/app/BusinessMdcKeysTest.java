package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.Money;
import com.seqrbackoffice.payments.Payment;
import com.seqrbackoffice.payments.PaymentStatus;
import com.seqrbackoffice.refunds.RefundRequest;
import com.seqrbackoffice.terminals.TerminalCommand;

/** The log and trace keys come from the variables each flow sets, and from a status poll's headers. */
class BusinessMdcKeysTest {

    private static CamelContext context;

    @BeforeAll
    static void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
    }

    @Test
    void aPaymentNamesItsOrderInvoiceAndTerminal() {
        Exchange exchange = new DefaultExchange(context);
        exchange.setVariable("payment", new Payment("o-1", "m-1", "till-1", "inv-1", PaymentStatus.RESERVED,
                new Money(new BigDecimal("10.00"), "SEK"), null, null, 1, "title", null, null, null));

        assertThat(BusinessMdc.Keys.of(exchange)).isEqualTo(new BusinessMdc.Keys("o-1", "inv-1", "till-1"));
    }

    @Test
    void aRefundNamesItsOrderAndInvoice() {
        Exchange exchange = new DefaultExchange(context);
        exchange.setVariable("refund", new RefundRequest("m-2", "r-1", "o-2", "inv-2",
                new Money(new BigDecimal("5.00"), "SEK"), "damaged"));

        assertThat(BusinessMdc.Keys.of(exchange)).isEqualTo(new BusinessMdc.Keys("o-2", "inv-2", null));
    }

    @Test
    void aTerminalCommandNamesItsTerminal() {
        Exchange exchange = new DefaultExchange(context);
        exchange.setVariable("command", new TerminalCommand("m-3", "REGISTER", "till-3", "Till 3", null, null));

        assertThat(BusinessMdc.Keys.of(exchange)).isEqualTo(new BusinessMdc.Keys(null, null, "till-3"));
    }

    @Test
    void aStatusPollNamesItsKeysInItsHeadersAndVariableOrderIdComesFirst() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("orderId", "o-4");
        exchange.getMessage().setHeader("invoiceReference", "inv-4");
        exchange.getMessage().setHeader("terminalId", "till-4");
        assertThat(BusinessMdc.Keys.of(exchange)).isEqualTo(new BusinessMdc.Keys("o-4", "inv-4", "till-4"));

        exchange.setVariable("orderId", "o-5");
        assertThat(BusinessMdc.Keys.of(exchange).orderId()).isEqualTo("o-5");
    }
}
