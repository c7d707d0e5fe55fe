package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.ERSWSExternalClientService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Service;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.ext.logging.LoggingFeature;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.ConnectionType;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Makes the {@code cxf:bean:seqr} endpoints the routes call SEQR through.
 * <p>
 * Wiring: {@code new SeqrEndpoints(settings).bindTo(camelContext)} before the routes start. It binds
 * {@value #ENDPOINT_NAME} as a prototype, because camel-cxf refuses one endpoint instance behind two URIs with
 * different options, and each route names its operation:
 * {@code cxf:bean:seqr?defaultOperationName=sendInvoice}, or {@code cxf:bean:seqr} with the header
 * {@code operationName}. The body is the list from {@link SeqrRequests}; after the call it is the operation's
 * typed response (e.g. {@code ErswsSendInvoiceResponse}), and any other outcome is a {@link SeqrException}.
 */
public final class SeqrEndpoints implements Service {

    /** Registry name the routes use: {@code cxf:bean:seqr}. */
    public static final String ENDPOINT_NAME = "seqr";

    private static final String WSDL = "classpath:wsdl/seqr-merchant.wsdl";

    // Both the context's password and registerTerminal's password parameter are elements of this local name
    private static final Set<String> SENSITIVE_ELEMENTS = Set.of("password");

    // CXF's switch from its java.net.http conduit to the HttpURLConnection one; read as a Boolean, not a String
    private static final String URLCONNECTION_CONDUIT = "force.urlconnection.http.conduit";
    // How many idle connections per host the JDK's HttpURLConnection keeps open for reuse (its default is 5)
    private static final String KEEP_ALIVE_CONNECTIONS = "http.maxConnections";

    private final SeqrClientSettings settings;
    private Bus bus;

    public SeqrEndpoints(SeqrClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Binds {@value #ENDPOINT_NAME} in the context's registry and lets the context stop the CXF bus the endpoints
     * share when it shuts down.
     */
    public void bindTo(CamelContext context) {
        context.getRegistry().bindAsPrototype(ENDPOINT_NAME, CxfEndpoint.class, () -> create(context));
        try {
            context.addService(this, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Could not register the SEQR endpoints with Camel", e);
        }
    }

    /** A new endpoint on the shared bus, with its own HTTP conduit once its producer starts. */
    public CxfEndpoint create(CamelContext context) {
        SeqrCxfEndpoint endpoint = new SeqrCxfEndpoint();
        endpoint.setCamelContext(context);
        endpoint.setBus(bus());
        endpoint.setAddress(settings.url());
        endpoint.setWsdlURL(WSDL);
        endpoint.setServiceClass(ERSWSExternalClientService.class);
        endpoint.setDataFormat(DataFormat.POJO);
        endpoint.setHeaderFilterStrategy(new NoHeaders());
        // Failures reach Camel's error handler as SeqrExceptions; CXF's own stack trace per timeout is noise
        endpoint.setSkipFaultLogging(true);
        endpoint.setCxfConfigurer(new ConduitSettings(settings, endpoint));
        if (settings.logMessages()) {
            endpoint.setFeatures(List.of(maskedLogging()));
        }
        return endpoint;
    }

    @Override
    public synchronized void start() {
        bus();
    }

    @Override
    public synchronized void stop() {
        if (bus != null) {
            bus.shutdown(true);
            bus = null;
        }
    }

    private synchronized Bus bus() {
        if (bus == null) {
            bus = CxfBuses.newPrivateBus();
            bus.setProperty(URLCONNECTION_CONDUIT, Boolean.TRUE);
            keepConnectionsForConcurrentCalls();
        }
        return bus;
    }

    /**
     * Every SEQR call is synchronous in its route's thread. CXF's default java.net.http conduit still hands each
     * call to the HttpClient's own worker threads (one more thread per call in flight, plus a selector) and, measured
     * by the benchmark, answers less than half as many calls per second as the HttpURLConnection conduit, which does
     * the whole call in the calling thread. That conduit reuses connections through the JDK's keep-alive cache,
     * which keeps 5 per host unless told otherwise: the routes' concurrent calls would open a new connection for
     * most calls. So it keeps as many as {@code seqr.max-concurrent-calls}, unless {@value #KEEP_ALIVE_CONNECTIONS}
     * is set for the JVM; it must be set before the first HTTP connection of the JVM to count.
     */
    private void keepConnectionsForConcurrentCalls() {
        if (System.getProperty(KEEP_ALIVE_CONNECTIONS) == null) {
            System.setProperty(KEEP_ALIVE_CONNECTIONS, String.valueOf(settings.maxConcurrentCalls()));
        }
    }

    private static LoggingFeature maskedLogging() {
        LoggingFeature logging = new LoggingFeature();
        logging.addSensitiveElementNames(SENSITIVE_ELEMENTS);
        logging.setPrettyLogging(false);
        logging.setSender(new SeqrMessageLog());
        return logging;
    }

    /**
     * Timeouts and connection reuse on the client's HTTP conduit. Each route's endpoint names one operation
     * ({@code defaultOperationName}), known when its client is made, so the receive timeout is that operation's.
     */
    private record ConduitSettings(SeqrClientSettings settings, CxfEndpoint endpoint) implements CxfConfigurer {

        @Override
        public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
            // Nothing to change on the factory: everything is set on the endpoint or the conduit
        }

        @Override
        public void configureClient(Client client) {
            HTTPClientPolicy policy = new HTTPClientPolicy();
            policy.setConnectionTimeout(settings.connectTimeoutMs());
            policy.setReceiveTimeout(settings.receiveTimeoutMs(endpoint.getDefaultOperationName()));
            // Every request goes with a Content-Length, which every SOAP server accepts: HttpURLConnection buffers the
            // body as it grows. A chunking threshold would say the same for requests below it, but CXF allocates a
            // buffer of the threshold's size for every call.
            policy.setAllowChunking(false);
            // Many route threads call SEQR at once: reuse connections instead of a handshake per poll
            policy.setConnection(ConnectionType.KEEP_ALIVE);
            policy.setVersion("1.1");
            ((HTTPConduit) client.getConduit()).setClient(policy);
        }

        @Override
        public void configureServer(Server server) {
            // Client only
        }
    }

    /**
     * Nothing crosses between Camel headers and the SOAP/HTTP message in either direction: Camel headers would
     * leave as HTTP headers and come back as Strings over the originals.
     */
    private static final class NoHeaders implements HeaderFilterStrategy {

        @Override
        public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
            return true;
        }

        @Override
        public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
            return true;
        }
    }
}
