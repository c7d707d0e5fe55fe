package com.seqrbackoffice.app;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.AbstractSpanDecorator;
import org.apache.camel.telemetry.decorators.JmsSpanDecorator;
import org.apache.camel.telemetry.decorators.SqlSpanDecorator;

/**
 * The payment's keys on the spans of its messages (a queue's consumer, an event sent), its SEQR calls and its
 * ledger statements: {@value #ORDER_ID}, {@value #INVOICE_REFERENCE} and {@value #TERMINAL_ID}, as far as the
 * exchange knows them ({@link BusinessMdc.Keys}: the properties the routes set, a status poll's message properties),
 * so that a collector finds every trace of an order by its id. They are set when a span ends (a consumer's span
 * starts before its route has read the message, and ends when the route knows the payment), and for queues also
 * when it starts.
 * <p>
 * camel-telemetry finds span decorators with {@link java.util.ServiceLoader} (META-INF/services) and keeps, per
 * component, a subclass over the decorator it extends, so these replace its own for jms and sql; for cxf, which it
 * has none for, a SEQR call's span is named after its operation ({@code sendInvoice}) instead of {@code cxf}.
 */
public final class TraceAttributes {

    static final String ORDER_ID = "seqr.order_id";
    static final String INVOICE_REFERENCE = "seqr.invoice_reference";
    static final String TERMINAL_ID = "seqr.terminal_id";

    private TraceAttributes() {
    }

    static void tag(Span span, Exchange exchange) {
        BusinessMdc.Keys keys = BusinessMdc.Keys.of(exchange);
        tag(span, ORDER_ID, keys.orderId());
        tag(span, INVOICE_REFERENCE, keys.invoiceReference());
        tag(span, TERMINAL_ID, keys.terminalId());
    }

    private static void tag(Span span, String key, String value) {
        if (value != null) {
            span.setTag(key, value);
        }
    }

    /**
     * Queues: the consumer's span of each message and the producer's span of each message sent. Also tagged at the
     * start, from what the message itself says (a status poll's properties), since a route's later steps may replace
     * the message before its end.
     */
    public static final class Jms extends JmsSpanDecorator {

        @Override
        public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
            super.beforeTracingEvent(span, exchange, endpoint);
            tag(span, exchange);
        }

        @Override
        public void afterTracingEvent(Span span, Exchange exchange) {
            super.afterTracingEvent(span, exchange);
            tag(span, exchange);
        }
    }

    /** Ledger statements (camel-sql). */
    public static final class Sql extends SqlSpanDecorator {

        @Override
        public void afterTracingEvent(Span span, Exchange exchange) {
            super.afterTracingEvent(span, exchange);
            tag(span, exchange);
        }
    }

    /** SEQR calls ({@code cxf:bean:seqr?defaultOperationName=...}, or the {@code operationName} header). */
    public static final class SeqrCalls extends AbstractSpanDecorator {

        static final String OPERATION_HEADER = "operationName";
        static final String OPERATION_OPTION = "defaultOperationName";

        @Override
        public String getComponent() {
            return "cxf";
        }

        @Override
        public String getComponentClassName() {
            return "org.apache.camel.component.cxf.jaxws.CxfComponent";
        }

        @Override
        public String getOperationName(Exchange exchange, Endpoint endpoint) {
            String operation = exchange.getMessage().getHeader(OPERATION_HEADER, String.class);
            if (operation == null) {
                operation = toQueryParameters(endpoint.getEndpointUri()).get(OPERATION_OPTION);
            }
            return operation != null ? operation : super.getOperationName(exchange, endpoint);
        }

        @Override
        public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
            super.beforeTracingEvent(span, exchange, endpoint);
            span.setTag("rpc.system", "soap");
            span.setTag("rpc.service", "seqr");
            span.setTag("rpc.method", getOperationName(exchange, endpoint));
        }

        @Override
        public void afterTracingEvent(Span span, Exchange exchange) {
            super.afterTracingEvent(span, exchange);
            tag(span, exchange);
        }
    }
}
