package com.seqrbackoffice.app;

import java.util.Objects;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NamedNode;
import org.apache.camel.NamedRoute;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;

import com.seqrbackoffice.payments.Payment;
import com.seqrbackoffice.payments.PaymentRequest;
import com.seqrbackoffice.refunds.RefundRequest;
import com.seqrbackoffice.terminals.TerminalCommand;

/**
 * Puts the keys of the exchange being processed into the MDC before each step of a route, so that every log line a
 * step writes (its {@code log} step, the SEQR client, the error policy) names the payment and where it is:
 * {@value #ORDER_ID} (SEQR's clientInvoiceId), {@value #INVOICE_REFERENCE}, {@value #TERMINAL_ID}, and the route
 * and exchange ids under Camel's names {@value #ROUTE_ID} and {@value #EXCHANGE_ID}. The business keys come from the
 * variables the routes already set ({@code orderId}, {@code payment}, {@code request}, {@code refund},
 * {@code command}), else from headers of the same names (a status poll's), so no route needs a step for logging;
 * a key the exchange does not have yet is removed, so nothing of an earlier message shows in a step's lines.
 * <p>
 * Only keys whose value differs are written: log4j copies the thread's whole context map on every change, and a
 * status poll runs some twenty steps (Camel's own {@code camel.main.use-mdc-logging} rewrites its keys before and
 * after each one, which cost about a tenth of the CPU of a poll).
 */
final class BusinessMdc implements InterceptStrategy {

    static final String ORDER_ID = "orderId";
    static final String INVOICE_REFERENCE = "invoiceReference";
    static final String TERMINAL_ID = "terminalId";
    static final String ROUTE_ID = "camel.routeId";
    static final String EXCHANGE_ID = "camel.exchangeId";

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        String routeId = routeIdOf(definition);
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                Keys keys = Keys.of(exchange);
                set(ROUTE_ID, routeId);
                set(EXCHANGE_ID, exchange.getExchangeId());
                set(ORDER_ID, keys.orderId());
                set(INVOICE_REFERENCE, keys.invoiceReference());
                set(TERMINAL_ID, keys.terminalId());
                return processor.process(exchange, callback);
            }
        };
    }

    private static String routeIdOf(NamedNode step) {
        for (NamedNode node = step; node != null; node = node.getParent()) {
            if (node instanceof NamedRoute route) {
                return route.getRouteId();
            }
        }
        return null;
    }

    private static void set(String key, String value) {
        if (Objects.equals(MDC.get(key), value)) {
            return;
        }
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** The keys as far as the route has read them; null for those it has not. */
    record Keys(String orderId, String invoiceReference, String terminalId) {

        static Keys of(Exchange exchange) {
            Object id = exchange.getVariable("orderId");
            String orderId = id == null ? null : id.toString();
            String invoiceReference = null;
            String terminalId = null;
            if (exchange.getVariable("payment") instanceof Payment payment) {
                orderId = firstOf(orderId, payment.orderId());
                invoiceReference = payment.invoiceReference();
                terminalId = payment.terminalId();
            }
            if (exchange.getVariable("request") instanceof PaymentRequest request) {
                orderId = firstOf(orderId, request.orderId());
                terminalId = firstOf(terminalId, request.terminalId());
            }
            if (exchange.getVariable("refund") instanceof RefundRequest refund) {
                orderId = firstOf(orderId, refund.orderId());
                invoiceReference = firstOf(invoiceReference, refund.invoiceReference());
            }
            if (exchange.getVariable("command") instanceof TerminalCommand command) {
                terminalId = firstOf(terminalId, command.terminalId());
            }
            // a status poll carries its keys as message properties
            Message message = exchange.getMessage();
            orderId = firstOf(orderId, message.getHeader(ORDER_ID, String.class));
            invoiceReference = firstOf(invoiceReference, message.getHeader(INVOICE_REFERENCE, String.class));
            terminalId = firstOf(terminalId, message.getHeader(TERMINAL_ID, String.class));
            return new Keys(orderId, invoiceReference, terminalId);
        }

        private static String firstOf(String known, String other) {
            return known != null ? known : other;
        }
    }
}
