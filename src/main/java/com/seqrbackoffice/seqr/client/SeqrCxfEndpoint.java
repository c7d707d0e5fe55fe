package com.seqrbackoffice.seqr.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.seqrbackoffice.seqr.api.ClientContext;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A CXF endpoint whose producer applies {@link SeqrResults} to every call and times it in the {@value #CALLS_TIMER}
 * timer (tags {@code operation} and {@code result}: SUCCESS, SEQR's result code name, NOT_DELIVERED,
 * UNKNOWN_OUTCOME or ERROR) of the context's Micrometer registry {@value #METER_REGISTRY}, when there is one. The mapping sits in the producer and not
 * in a later route step because Camel redelivers to the processor that failed: a transient result code must fail
 * the call itself for a redelivery to call SEQR again.
 * <p>
 * A terminal call that SEQR refuses with 20 AUTHENTICATION_FAILED is made once more with the password the ledger
 * has now, when it differs ({@link TerminalPasswords}, found in the registry): another instance may have changed
 * it, and this instance's copy lives for {@code terminals.credentials-cache-seconds}. A refused call did nothing at
 * SEQR, so calling again is safe.
 */
final class SeqrCxfEndpoint extends CxfEndpoint {

    static final String CALLS_TIMER = "seqr.calls";
    // The name camel-micrometer-prometheus binds its registry under, so that /observe/metrics shows these timers
    static final String METER_REGISTRY = "metricsRegistry";
    // Around seqr.receive-timeout-ms and the one-second poll interval, where a slow SEQR starts to matter
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(800), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5)};

    @Override
    public Producer createProducer() throws Exception {
        return new SeqrProducer(this, super.createProducer());
    }

    private static final class SeqrProducer extends DefaultAsyncProducer {

        private final Producer cxf;
        private MeterRegistry meters;
        private final Map<String, Timer> timers = new ConcurrentHashMap<>();
        private TerminalPasswords passwords;

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
            long started = System.nanoTime();
            call(exchange, operation, request);
            ClientContext context = staleTerminalPassword(exchange.getException(), request);
            if (context != null) {
                Optional<String> fresh = passwords.freshPassword(context.getInitiatorPrincipalId().getId(),
                        context.getPassword());
                if (fresh.isPresent()) {
                    context.setPassword(fresh.get());
                    exchange.setException(null);
                    call(exchange, operation, request);
                }
            }
            record(operation, exchange.getException(), System.nanoTime() - started);
            callback.done(true);
            return true;
        }

        private void call(Exchange exchange, String operation, Object request) {
            try {
                cxf.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            interpret(exchange, operation, request);
        }

        /** The context of a terminal call SEQR refused for its password, when there is a ledger to ask; else null. */
        private ClientContext staleTerminalPassword(Exception failure, Object request) {
            if (passwords == null || !(failure instanceof SeqrPermanentException refused)
                    || refused.getCode() != SeqrResultCode.AUTHENTICATION_FAILED.code()
                    || !(request instanceof List<?> parameters) || parameters.isEmpty()
                    || !(parameters.get(0) instanceof ClientContext context)
                    || context.getInitiatorPrincipalId() == null
                    || !SeqrContexts.TERMINAL_PRINCIPAL.equals(context.getInitiatorPrincipalId().getType())) {
                return null;
            }
            return context;
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

        private void record(String operation, Exception failure, long nanos) {
            if (meters == null) {
                return;
            }
            String result = result(failure);
            // a poll each time: building the timer's id and its buckets again for every call cost a percent of its CPU
            timers.computeIfAbsent(operation + ' ' + result, key -> Timer.builder(CALLS_TIMER)
                    .description("SEQR calls by operation and result")
                    .tag("operation", operation)
                    .tag("result", result)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(meters))
                    .record(nanos, TimeUnit.NANOSECONDS);
        }

        private static String result(Exception failure) {
            if (failure == null) {
                return "SUCCESS";
            }
            if (failure instanceof SeqrPermanentException refused) {
                return codeName(refused.getCode());
            }
            if (failure instanceof SeqrTransientException transientFailure) {
                return transientFailure.getCode() == SeqrTransientException.NOT_DELIVERED
                        ? "NOT_DELIVERED" : codeName(transientFailure.getCode());
            }
            return failure instanceof SeqrUnknownOutcomeException ? "UNKNOWN_OUTCOME" : "ERROR";
        }

        // A code outside SEQR's documented list still gives a tag value Prometheus can show
        private static String codeName(int code) {
            return SeqrResultCode.of(code).map(Enum::name).orElse("CODE_" + code);
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
            meters = getEndpoint().getCamelContext().getRegistry().lookupByNameAndType(METER_REGISTRY, MeterRegistry.class);
            timers.clear();
            Set<TerminalPasswords> found = getEndpoint().getCamelContext().getRegistry().findByType(TerminalPasswords.class);
            passwords = found.size() == 1 ? found.iterator().next() : null;
            ServiceHelper.startService(cxf);
        }

        @Override
        protected void doStop() throws Exception {
            ServiceHelper.stopService(cxf);
        }
    }
}
