package com.seqrbackoffice.app;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;

import com.seqrbackoffice.payments.Payment;
import com.seqrbackoffice.payments.PaymentRequest;
import com.seqrbackoffice.payments.RefundRequest;
import com.seqrbackoffice.payments.StatusPoll;
import com.seqrbackoffice.terminals.TerminalCommand;

/**
 * Puts the business keys of the exchange being processed into the MDC around each step of a route, so that every
 * log line a step writes (its {@code log} step, the SEQR client, the error policy) names the payment:
 * {@value #ORDER_ID} (SEQR's clientInvoiceId), {@value #INVOICE_REFERENCE} and {@value #TERMINAL_ID}. The keys
 * come from the exchange properties the routes already set ({@code orderId}, {@code payment}, {@code request},
 * {@code poll}, {@code refund}, {@code command}), so no route needs a step for logging. The previous values are
 * restored after the step, so nothing leaks into lines the thread logs for another message.
 */
final class BusinessMdc implements InterceptStrategy {

    static final String ORDER_ID = "orderId";
    static final String INVOICE_REFERENCE = "invoiceReference";
    static final String TERMINAL_ID = "terminalId";

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                String orderId = MDC.get(ORDER_ID);
                String invoiceReference = MDC.get(INVOICE_REFERENCE);
                String terminalId = MDC.get(TERMINAL_ID);
                Keys keys = Keys.of(exchange);
                put(ORDER_ID, keys.orderId());
                put(INVOICE_REFERENCE, keys.invoiceReference());
                put(TERMINAL_ID, keys.terminalId());
                return processor.process(exchange, done -> {
                    put(ORDER_ID, orderId);
                    put(INVOICE_REFERENCE, invoiceReference);
                    put(TERMINAL_ID, terminalId);
                    callback.done(done);
                });
            }
        };
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** The keys as far as the route has read them; null for those it has not. */
    record Keys(String orderId, String invoiceReference, String terminalId) {

        static Keys of(Exchange exchange) {
            String orderId = exchange.getProperty("orderId", String.class);
            String invoiceReference = null;
            String terminalId = null;
            if (exchange.getProperty("payment") instanceof Payment payment) {
                orderId = firstOf(orderId, payment.orderId());
                invoiceReference = payment.invoiceReference();
                terminalId = payment.terminalId();
            }
            if (exchange.getProperty("poll") instanceof StatusPoll poll) {
                orderId = firstOf(orderId, poll.orderId());
                invoiceReference = firstOf(invoiceReference, poll.invoiceReference());
                terminalId = firstOf(terminalId, poll.terminalId());
            }
            if (exchange.getProperty("request") instanceof PaymentRequest request) {
                orderId = firstOf(orderId, request.orderId());
                terminalId = firstOf(terminalId, request.terminalId());
            }
            if (exchange.getProperty("refund") instanceof RefundRequest refund) {
                orderId = firstOf(orderId, refund.orderId());
                invoiceReference = firstOf(invoiceReference, refund.invoiceReference());
            }
            if (exchange.getProperty("command") instanceof TerminalCommand command) {
                terminalId = firstOf(terminalId, command.terminalId());
            }
            return new Keys(orderId, invoiceReference, terminalId);
        }

        private static String firstOf(String known, String other) {
            return known != null ? known : other;
        }
    }
}
