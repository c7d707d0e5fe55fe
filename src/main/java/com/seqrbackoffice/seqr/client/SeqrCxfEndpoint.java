package com.seqrbackoffice.seqr.client;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A CXF endpoint whose producer applies {@link SeqrResults} to every call. The mapping sits in the producer and not
 * in a later route step because Camel redelivers to the processor that failed: a transient result code must fail
 * the call itself for a redelivery to call SEQR again.
 */
final class SeqrCxfEndpoint extends CxfEndpoint {

    @Override
    public Producer createProducer() throws Exception {
        return new SeqrProducer(this, super.createProducer());
    }

    private static final class SeqrProducer extends DefaultAsyncProducer {

        private final Producer cxf;

        SeqrProducer(CxfEndpoint endpoint, Producer cxf) {
            super(endpoint);
            this.cxf = cxf;
        }

        /**
         * Calls SEQR in the route's own thread: the JMS session whose transaction acknowledges the message, and
         * any ledger transaction, are bound to that thread, so the route must not go on in CXF's.
         */
        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            String operation = operationName(exchange);
            Object request = exchange.getMessage().getBody();
            try {
                cxf.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            interpret(exchange, operation, request);
            callback.done(true);
            return true;
        }

        private static void interpret(Exchange exchange, String operation, Object request) {
            Exception failure = exchange.getException();
            if (failure == null) {
                try {
                    exchange.getMessage().setBody(SeqrResults.check(operation, exchange.getMessage().getBody()));
                    return;
                } catch (SeqrException e) {
                    failure = e;
                }
            }
            exchange.setException(SeqrResults.classify(operation, failure));
            // A redelivery sends the body again: it must be the request, not SEQR's refusal
            exchange.getMessage().setBody(request);
        }

        // The same precedence camel-cxf applies: the header, then the endpoint's default
        private String operationName(Exchange exchange) {
            String name = exchange.getMessage().getHeader(CxfConstants.OPERATION_NAME, String.class);
            if (name == null) {
                name = ((CxfEndpoint) getEndpoint()).getDefaultOperationName();
            }
            return name == null ? "(no operation name)" : name;
        }

        @Override
        protected void doStart() throws Exception {
            ServiceHelper.startService(cxf);
        }

        @Override
        protected void doStop() throws Exception {
            ServiceHelper.stopService(cxf);
        }
    }
}
