package com.seqrbackoffice.seqr.emulator;

import com.seqrbackoffice.seqr.api.ERSWSExternalClientServiceService;
import com.seqrbackoffice.seqr.client.CxfBuses;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SEQR merchant service that behaves as SEQR documented (../shared/seqr/API.md; deviations in docs/emulator.md):
 * the SOAP endpoint at {@value #SOAP_PATH}, the customer app at {@code /emulator/app} and the admin API at
 * {@code /emulator/admin}, all on one port.
 *
 * <pre>{@code
 * try (SeqrEmulator seqr = new SeqrEmulator(EmulatorSettings.defaults()).start()) {
 *     String url = seqr.soapUrl();          // port 0 in the settings: a free port, see port()
 *     ...
 *     seqr.counters().commits(invoiceReference);
 * }
 * }</pre>
 */
public final class SeqrEmulator implements AutoCloseable {

    public static final String SOAP_PATH = "/soap/merchant/cashregister-2";

    private static final Logger LOG = LoggerFactory.getLogger(SeqrEmulator.class);
    private static final long SWEEP_INTERVAL_MILLIS = 50;
    // Jetty's own work (accepting, selecting); requests run on virtual threads
    private static final int PLATFORM_THREADS = 8;
    private static final int ACCEPT_QUEUE = 4096;

    private final EmulatorSettings settings;
    private final Counters counters = new Counters();
    private final FaultInjector faults = new FaultInjector();
    private final StatusPollIntervals pollIntervals = new StatusPollIntervals();
    private final SeqrBackend backend;
    private final MerchantEndpoint merchant;
    private final CallPauses pauses = new CallPauses();
    private org.eclipse.jetty.server.Server jetty;
    private ServerConnector connector;
    private Bus bus;
    private Server soapServer;
    private ScheduledExecutorService sweeper;

    public SeqrEmulator(EmulatorSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With a clock of the test's choosing: every timed rule reads it (then call {@link #sweep()}). */
    public SeqrEmulator(EmulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.backend = new SeqrBackend(settings, clock, counters);
        backend.onStatusPoll(pollIntervals::polled);
        this.merchant = new MerchantEndpoint(backend, faults, counters, pollIntervals, settings.latency(), pauses);
        settings.faults().forEach(faults::set);
    }

    /** An emulator configured from {@code seqr.emulator.*} keys (see {@link EmulatorSettings#from(Function)}). */
    public static SeqrEmulator fromProperties(Function<String, String> lookup) {
        return new SeqrEmulator(EmulatorSettings.from(lookup));
    }

    /** Binds the port and starts serving; returns this. */
    public synchronized SeqrEmulator start() {
        if (jetty != null) {
            throw new IllegalStateException("An emulator starts once; create a new one to start again");
        }
        // Requests are served on virtual threads: SEQR's latency (seqr.emulator.latency-ms, latency faults) is a
        // wait in the request, and hundreds of slow calls at once must not need hundreds of platform threads
        QueuedThreadPool threads = new QueuedThreadPool(PLATFORM_THREADS, 2);
        threads.setName("seqr-emulator");
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("seqr-emulator-request-", 0).factory()));
        jetty = new org.eclipse.jetty.server.Server(threads);
        connector = new ServerConnector(jetty);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        // a client with hundreds of consumers opens hundreds of connections at once; the JDK's backlog is 50
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        jetty.addConnector(connector);

        bus = CxfBuses.newPrivateBus();
        CXFNonSpringServlet soapServlet = new CXFNonSpringServlet();
        soapServlet.setBus(bus);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("soap", soapServlet), "/soap/*");
        context.addServlet(new ServletHolder("emulator", new EmulatorHttpApi(this, settings.adminApi())), "/emulator/*");
        jetty.setHandler(context);

        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(MerchantEndpoint.class);
        factory.setServiceBean(merchant);
        factory.setServiceName(ERSWSExternalClientServiceService.SERVICE);
        factory.setEndpointName(ERSWSExternalClientServiceService.ERSWSExternalClientServicePort);
        factory.setWsdlLocation("classpath:wsdl/seqr-merchant.wsdl");
        factory.setAddress(SOAP_PATH.substring("/soap".length()));
        soapServer = factory.create();

        try {
            jetty.start();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("SEQR emulator cannot listen on " + settings.host() + ":"
                    + settings.port(), e);
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "seqr-emulator-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, SWEEP_INTERVAL_MILLIS, SWEEP_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        LOG.info("SEQR emulator listening at {} (customer app {}/emulator/app)", soapUrl(), baseUrl());
        return this;
    }

    /** Stops serving; held responses are released. The state stays readable. */
    public synchronized void stop() {
        pauses.endAll();
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        try {
            if (jetty != null && !jetty.isStopped()) {
                jetty.stop();
            }
        } catch (Exception e) {
            LOG.warn("SEQR emulator did not stop cleanly", e);
        }
        if (soapServer != null) {
            soapServer.destroy();
        }
        if (bus != null) {
            bus.shutdown(true);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * SEQR becomes unreachable: the port closes, so calls are refused as in a network outage, while SEQR's state and
     * its timed rules carry on. {@link #comeBackOnline()} opens the same port again.
     */
    public synchronized void goOffline() {
        int port = port();
        // port 0 chose a free port: the same one must open again
        connector.setPort(port);
        try {
            connector.stop();
        } catch (Exception e) {
            throw new IllegalStateException("SEQR emulator could not close its port", e);
        }
        LOG.info("SEQR emulator offline: port {} closed", port);
    }

    public synchronized void comeBackOnline() {
        try {
            connector.start();
        } catch (Exception e) {
            throw new IllegalStateException("SEQR emulator could not open its port again", e);
        }
        LOG.info("SEQR emulator back online at {}", soapUrl());
    }

    public boolean isRunning() {
        return jetty != null && jetty.isStarted();
    }

    /** The bound port: the configured one, or the free port chosen for port 0. */
    public int port() {
        if (connector == null || connector.getLocalPort() <= 0) {
            throw new IllegalStateException("The emulator is not listening");
        }
        return connector.getLocalPort();
    }

    public String host() {
        return settings.host();
    }

    public String baseUrl() {
        return "http://" + settings.host() + ":" + port();
    }

    public String soapUrl() {
        return baseUrl() + SOAP_PATH;
    }

    public EmulatorSettings settings() {
        return settings;
    }

    public EmulatorCounters counters() {
        return counters.snapshot();
    }

    public void setFault(FaultSpec fault) {
        faults.set(fault);
    }

    public void clearFault(String operation) {
        faults.clear(operation);
    }

    public void clearFaults() {
        faults.clear();
    }

    public List<FaultSpec> faults() {
        return faults.active();
    }

    /** Every SOAP call from now on is answered this long after it arrives (at start: {@code seqr.emulator.latency-ms}). */
    public void setLatency(Duration latency) {
        merchant.setLatency(latency);
    }

    public Duration latency() {
        return merchant.latency();
    }

    public void setAutoConfirm(boolean enabled, Duration delay) {
        backend.setAutoConfirm(enabled, delay);
    }

    /**
     * The interval between polls of one payment as SEQR sees it (the 20-second rule reads the same clock), recorded
     * once {@link StatusPollIntervals#restart() restarted}; also served at {@code /emulator/admin/poll-intervals}.
     */
    public StatusPollIntervals pollIntervals() {
        return pollIntervals;
    }

    public boolean autoConfirmEnabled() {
        return backend.autoConfirmEnabled();
    }

    public Duration autoConfirmDelay() {
        return backend.autoConfirmDelay();
    }

    /** Invoices still ISSUED, oldest first: what the customer app lists. */
    public List<InvoiceView> invoicesWaitingForCustomer() {
        return backend.waitingForCustomer();
    }

    /** The customer confirms: RESERVED for reservation modes, PAID for IMMEDIATE_DEBIT. */
    public InvoiceView confirm(String invoiceReference) {
        return backend.confirm(invoiceReference);
    }

    /** The customer declines: CANCELED. */
    public InvoiceView decline(String invoiceReference) {
        return backend.decline(invoiceReference);
    }

    /** The customer's payment fails (a refused card): FAILED. */
    public InvoiceView failPayment(String invoiceReference) {
        return backend.failPayment(invoiceReference);
    }

    public Optional<InvoiceView> invoice(String invoiceReference) {
        return backend.invoice(invoiceReference);
    }

    /** Creates a PAID payment the back office never asked for, as reconciliation must find it. */
    public InvoiceView seedPaidPayment(String terminalId, BigDecimal value, String currency, String clientInvoiceId) {
        return backend.seedPaidPayment(terminalId, value, currency, clientInvoiceId);
    }

    /** Fires the timed rules that are due by the clock now, without waiting for the background sweep. */
    public void sweep() {
        backend.sweep();
    }

    private void sweepQuietly() {
        try {
            backend.sweep();
        } catch (RuntimeException e) {
            LOG.error("SEQR emulator sweep failed", e);
        }
    }
}
