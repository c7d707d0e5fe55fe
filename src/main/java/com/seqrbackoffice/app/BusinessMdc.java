package com.seqrbackoffice.app;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NamedNode;
import org.apache.camel.NamedRoute;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

import com.seqrbackoffice.payments.Payment;
import com.seqrbackoffice.payments.PaymentRequest;
import com.seqrbackoffice.refunds.RefundRequest;
import com.seqrbackoffice.terminals.TerminalCommand;

/**
 * The keys of the exchange being processed on every log line a step of a route writes (its {@code log} step, the
 * SEQR client, the error policy), so that each names the payment and where it is: {@value #ORDER_ID} (SEQR's
 * clientInvoiceId), {@value #INVOICE_REFERENCE}, {@value #TERMINAL_ID}, and the route and exchange ids under
 * Camel's names {@value #ROUTE_ID} and {@value #EXCHANGE_ID}. The business keys come from the variables the routes
 * already set ({@code orderId}, {@code payment}, {@code request}, {@code refund}, {@code command}), else from headers
 * of the same names (a status poll's), so no route needs a step for logging; a key the exchange does not have yet
 * is left out, so nothing of an earlier message shows in a step's lines.
 * <p>
 * Before each step, the thread running it notes the step's exchange and route, and nothing more; the keys are read
 * from that exchange when a line is written ({@link BusinessContextData}, which log4j asks for each event's context
 * data). A status poll runs some twenty steps and logs none while its payment waits: reading the keys and writing
 * them into log4j's thread context before each step cost a twentieth of a poll's CPU.
 */
final class BusinessMdc implements InterceptStrategy {

    static final String ORDER_ID = "orderId";
    static final String INVOICE_REFERENCE = "invoiceReference";
    static final String TERMINAL_ID = "terminalId";
    static final String ROUTE_ID = "camel.routeId";
    static final String EXCHANGE_ID = "camel.exchangeId";

    private static final ThreadLocal<CurrentStep> CURRENT = ThreadLocal.withInitial(CurrentStep::new);

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        String routeId = routeIdOf(definition);
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                CURRENT.get().enter(exchange, routeId);
                return processor.process(exchange, callback);
            }
        };
    }

    /** The keys of the step this thread runs or last ran, while its exchange is in use; empty outside a route. */
    static Map<String, String> currentKeys() {
        CurrentStep step = CURRENT.get();
        Exchange exchange = step.exchange.get();
        if (exchange == null) {
            return Map.of();
        }
        Keys keys = Keys.of(exchange);
        Map<String, String> data = new HashMap<>(8);
        putKnown(data, ROUTE_ID, step.routeId);
        putKnown(data, EXCHANGE_ID, exchange.getExchangeId());
        putKnown(data, ORDER_ID, keys.orderId());
        putKnown(data, INVOICE_REFERENCE, keys.invoiceReference());
        putKnown(data, TERMINAL_ID, keys.terminalId());
        return data;
    }

    private static void putKnown(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static String routeIdOf(NamedNode step) {
        for (NamedNode node = step; node != null; node = node.getParent()) {
            if (node instanceof NamedRoute route) {
                return route.getRouteId();
            }
        }
        return null;
    }

    /**
     * The exchange and route of the thread's current step. The exchange is held weakly: a thread that ran a report's
     * last step would otherwise keep the report until its next step.
     */
    private static final class CurrentStep {

        private static final WeakReference<Exchange> NONE = new WeakReference<>(null);

        private WeakReference<Exchange> exchange = NONE;
        private String routeId;

        void enter(Exchange stepExchange, String stepRouteId) {
            if (exchange.get() != stepExchange) {
                exchange = new WeakReference<>(stepExchange);
            }
            routeId = stepRouteId;
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
