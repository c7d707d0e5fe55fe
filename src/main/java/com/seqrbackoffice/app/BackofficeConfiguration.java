package com.seqrbackoffice.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.Registry;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.seqrbackoffice.backoffice.BackofficeAccess;
import com.seqrbackoffice.backoffice.BackofficeViews;
import com.seqrbackoffice.backoffice.BasicAuthentication;
import com.seqrbackoffice.backoffice.DiscrepancyRules;
import com.seqrbackoffice.broker.BrokerManagement;
import com.seqrbackoffice.broker.BrokerRoles;
import com.seqrbackoffice.broker.BrokerSettings;
import com.seqrbackoffice.broker.CheckedQueues;
import com.seqrbackoffice.broker.DeadLetters;
import com.seqrbackoffice.broker.DueMessageRelay;
import com.seqrbackoffice.broker.EmbeddedBroker;
import com.seqrbackoffice.broker.TextMessagesOnly;
import com.seqrbackoffice.holds.HoldDeadlines;
import com.seqrbackoffice.ledger.LedgerDatabase;
import com.seqrbackoffice.payments.IdempotencyKeys;
import com.seqrbackoffice.payments.InboundMessages;
import com.seqrbackoffice.payments.MessageFingerprints;
import com.seqrbackoffice.payments.OverduePayments;
import com.seqrbackoffice.payments.PaymentEvents;
import com.seqrbackoffice.payments.PaymentMapping;
import com.seqrbackoffice.payments.PaymentRules;
import com.seqrbackoffice.payments.PollSchedule;
import com.seqrbackoffice.payments.StatusPollCheck;
import com.seqrbackoffice.refunds.RefundRules;
import com.seqrbackoffice.reporting.Reconciliation;
import com.seqrbackoffice.reporting.ReportParser;
import com.seqrbackoffice.reporting.ReportRequestCheck;
import com.seqrbackoffice.reporting.ReportingPlan;
import com.seqrbackoffice.reporting.SettlementEvents;
import com.seqrbackoffice.reporting.SettlementRules;
import com.seqrbackoffice.seqr.client.SeqrClientSettings;
import com.seqrbackoffice.seqr.client.SeqrContexts;
import com.seqrbackoffice.seqr.client.SeqrEndpoints;
import com.seqrbackoffice.seqr.client.SeqrRequests;
import com.seqrbackoffice.seqr.emulator.SeqrEmulator;
import com.seqrbackoffice.terminals.PasswordCipher;
import com.seqrbackoffice.terminals.ResellerCredentials;
import com.seqrbackoffice.terminals.TerminalCommands;
import com.seqrbackoffice.terminals.TerminalDirectory;
import com.seqrbackoffice.terminals.TerminalEventQueues;
import com.seqrbackoffice.terminals.TerminalKeys;
import com.seqrbackoffice.terminals.TerminalRules;

/**
 * Wires what the routes use by name: the broker ({@code jms}), the ledger ({@code dataSource},
 * {@code ledgerTransaction}, {@code processedMessages}, {@code idempotencyKeys}), SEQR and the back office. Starts
 * the embedded broker and migrates the ledger before any route starts.
 */
public final class BackofficeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BackofficeConfiguration.class);
    private static final TextMessagesOnly TEXT_MESSAGES_ONLY = new TextMessagesOnly();

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(key -> context.getPropertiesComponent().resolveProperty(key));
        ShippedSecrets.refuseInProduction(settings);
        BackofficeResources resources = new BackofficeResources();
        context.addService(resources, true, true);
        context.getRegistry().bind("backofficeResources", resources);
        context.addStartupListener(new ReadinessLog(resources));
        try {
            openResources(context, settings, resources);
        } catch (Exception | Error e) {
            // A half-started app would keep the JVM alive on the broker's threads: close what did open
            resources.closeAll();
            throw e;
        }
    }

    private static void openResources(CamelContext context, Settings settings, BackofficeResources resources)
            throws Exception {
        Registry registry = context.getRegistry();
        BrokerSettings broker = BrokerSettings.from(settings);
        sizeBrokerClientThreads(settings.getInt("broker.client-threads"));
        if (broker.embedded()) {
            EmbeddedBroker embedded = new EmbeddedBroker(broker);
            embedded.start();
            resources.embeddedBroker(embedded);
        }
        JmsPoolConnectionFactory connections = pooledConnections(broker, settings,
                settings.getInt("broker.consumer-window-size"));
        JmsPoolConnectionFactory resendConnections = pooledConnections(broker, settings,
                ActiveMQClient.DEFAULT_CONSUMER_WINDOW_SIZE);
        resources.broker(broker, connections, resendConnections);
        CheckedQueues queues = new CheckedQueues();
        registry.bind("jms", jmsComponent(connections, queues, settings.getInt("broker.surplus-consumer-idle-receives")));
        registry.bind("textMessagesOnly", TEXT_MESSAGES_ONLY);
        context.getCamelContextExtension().registerEndpointCallback(new VirtualThreadConsumers());
        registry.bind("jmsResend", resendComponent(resendConnections, queues));
        ActiveMQConnectionFactory relayConnections = broker.connectionFactory();
        relayConnections.setConsumerWindowSize(settings.getInt("seqr.poll.relay-window-bytes"));
        DueMessageRelay duePolls = new DueMessageRelay(relayConnections,
                settings.get("queue.scheduled-status-polls"), settings.get("queue.status-polls"),
                settings.getInt("seqr.poll.relay-batch"),
                Duration.ofMillis(settings.getLong("seqr.poll.relay-reconnect-ms")));
        resources.duePollRelay(duePolls);
        duePolls.start();

        int ledgerPoolSize = settings.getInt("ledger.pool-size");
        LedgerDatabase ledger = new LedgerDatabase(settings.get("ledger.url"), settings.get("ledger.user"),
                settings.get("ledger.password", ""), ledgerPoolSize);
        LedgerPoolSizing.warning(ledgerPoolSize, settings.getInt("broker.max-consumers")).ifPresent(LOG::warn);
        resources.ledger(ledger);
        ledger.migrate();
        bindLedger(registry, ledger.dataSource());
        MapConversionMisses.register(context.getTypeConverterRegistry());
        EnumConversions.register(context.getTypeConverterRegistry());

        Duration probeTimeout = Duration.ofMillis(settings.getLong("health.probe-timeout-ms"));
        registry.bind("brokerReadiness", new ReadinessCheck("broker", resources::brokerReachable, probeTimeout));
        registry.bind("ledgerReadiness", new ReadinessCheck("ledger", ledger::isReachable, probeTimeout));

        bindSeqr(context, settings, resources);
        registry.bind("seqrReadiness", new ReadinessCheck("seqr", new SeqrReachability(settings.get("seqr.url"),
                settings.getInt("seqr.connect-timeout-ms")), probeTimeout));
        bindOperations(context, settings, resources, ledger.dataSource());
        bindPayments(registry, settings, ledger);
        bindReporting(registry, settings, ledger.dataSource());
        bindTerminalEventQueues(registry, settings, resendConnections, ledger.transactionAware());
        bindBackoffice(registry, settings, connections);
    }

    /**
     * Each terminal's own events queue, readable by its till alone: the permission is set through the broker's
     * management address, outside any consumed message's transaction (the resend pool); those an event asks for on
     * virtual threads, which wait their turn at BrokerManagement's one call at a time.
     */
    private static void bindTerminalEventQueues(Registry registry, Settings settings, JmsPoolConnectionFactory connections,
                                                DataSource dataSource) {
        BrokerManagement management = new BrokerManagement(connections, settings.get("broker.management-address"),
                Duration.ofMillis(settings.getLong("health.probe-timeout-ms")));
        registry.bind("terminalEventQueues", new TerminalEventQueues(settings.get("queue.payment-events"),
                TerminalEventQueues.inLedger(dataSource),
                (queue, terminalId) -> management.setPermissions(queue, BrokerRoles.terminalQueuePermissions(terminalId)),
                grant -> Thread.ofVirtual().name("terminal-queue-permission").start(grant)));
    }

    /**
     * The back office's routes (platform-http, served on the management port) and who may use them: the engine's
     * handlers run before every platform-http route, so the user and password guard all of them.
     */
    private static void bindBackoffice(Registry registry, Settings settings, JmsPoolConnectionFactory connections) {
        if (settings.getBoolean("camel.management.enabled")) {
            BackofficeAccess access = BackofficeAccess.of(settings.get("camel.management.host"),
                    settings.get("backoffice.http.user", ""), settings.get("backoffice.http.password", ""));
            ManagementConsoles.check(settings.get("camel.management.host"),
                    settings.getBoolean("camel.management.jolokia-enabled"), settings.getBoolean("camel.management.dev-console-enabled"));
            VertxPlatformHttpEngine engine = new VertxPlatformHttpEngine();
            if (access.mode() == BackofficeAccess.Mode.PASSWORD) {
                engine.setHandlers(List.of(new BasicAuthentication(access)));
            }
            registry.bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, engine);
        }
        registry.bind("backofficeViews", new BackofficeViews(ZoneId.of(settings.get("reporting.time-zone")),
                settings.getInt("backoffice.max-rows"), settings.getInt("backoffice.page.refresh-seconds"),
                Clock.systemUTC()));
        registry.bind("discrepancyRules", new DiscrepancyRules());
        registry.bind("deadLetters", new DeadLetters(connections, settings.get("queue.dead-letter")));
    }

    /**
     * Business keys of the exchange in the MDC of every log line, and the route metrics and the app's gauges in the
     * registry that {@code /observe/metrics} serves.
     */
    private static void bindOperations(CamelContext context, Settings settings, BackofficeResources resources,
                                       DataSource dataSource) {
        context.getCamelContextExtension().addInterceptStrategy(new BusinessMdc());
        MeterRegistry meters = OperationsMetrics.meterRegistry(context.getRegistry());
        EntryRouteMetrics.addTo(context, meters);
        OperationsMetrics metrics = OperationsMetrics.register(meters,
                dataSource, Duration.ofSeconds(settings.getLong("metrics.payments-cache-seconds")),
                resources::queueDepth, List.of(settings.get("queue.scheduled-status-polls"), settings.get("queue.status-polls")),
                settings.get("queue.dead-letter"));
        context.getRegistry().bind("operationsMetrics", metrics);
    }

    /** Refunds, the Quartz scheduler, report fetching, reconciliation and the hold-deadline sweep. */
    private static void bindReporting(Registry registry, Settings settings, DataSource dataSource) {
        Clock clock = Clock.systemUTC();
        registry.bind("quartz", QuartzScheduling.component(settings, dataSource));
        registry.bind("resellerCredentials", new ResellerCredentials(settings.get("seqr.reseller.id"),
                settings.get("seqr.reseller.user-id")));
        // a refundPayment call's timeouts, and a moment for the ledger write that follows its answer
        registry.bind("refundRules", new RefundRules(settings.get("refunds.title"), Duration.ofMillis(
                settings.getLong("seqr.connect-timeout-ms") + settings.getLong("seqr.receive-timeout-ms.refund-payment"))
                .plusSeconds(5)));
        ReportingPlan plan = new ReportingPlan(settings.get("reporting.shop-report-id"),
                settings.get("reporting.terminal-report-id"), settings.getInt("reporting.max-fetch-attempts"));
        registry.bind("reportingPlan", plan);
        registry.bind("reportRequestCheck", ReportRequestCheck.onLedger(dataSource, plan));
        Duration settle = Duration.ofSeconds(settings.getLong("reconciliation.settle-seconds"));
        Duration markCallLimit = Duration.ofMillis(settings.getLong("seqr.connect-timeout-ms")
                + settings.getLong(SeqrClientSettings.operationTimeoutKey("markTransactionPeriod")));
        registry.bind("reconciliation", new Reconciliation(dataSource, new ReportParser(), settle, markCallLimit,
                settings.getInt("reconciliation.summary-max-discrepancies"), new SettlementRules(settle,
                        Duration.ofMillis(settings.getLong(SeqrClientSettings.operationTimeoutKey("refundPayment")))),
                clock));
        registry.bind("holdDeadlines", new HoldDeadlines(settings.getLong("payment.expiry-warning-seconds"),
                settings.getLong("payment.lost-poll-grace-seconds"), settings.getInt("payment.hold-sweep.batch-size"),
                clock));
        registry.bind("overduePayments", new OverduePayments());
    }

    /** The SEQR client ({@code cxf:bean:seqr}) and, unless a real SEQR is configured, the emulator it calls. */
    private static void bindSeqr(CamelContext context, Settings settings, BackofficeResources resources) {
        Function<String, String> lookup = key -> settings.find(key).orElse(null);
        SeqrClientSettings client = SeqrClientSettings.fromProperties(lookup);
        if (settings.getBoolean("seqr.emulator.enabled")) {
            SeqrEmulator emulator = SeqrEmulator.fromProperties(lookup).start();
            context.getRegistry().bind("seqrEmulator", emulator);
            resources.seqr("emulator at " + emulator.soapUrl(), emulator);
        } else {
            resources.seqr(client.url());
        }
        new SeqrEndpoints(client).bindTo(context);
        context.getRegistry().bind("seqrRequests", new SeqrRequests(new SeqrContexts(client)));
    }

    private static void bindPayments(Registry registry, Settings settings, LedgerDatabase ledger) {
        Clock clock = Clock.systemUTC();
        InboundMessages inboundMessages = new InboundMessages(
                Set.copyOf(settings.getList("payment.currencies")), settings.getInt("payment.max-message-bytes"));
        // one secret shared by every instance: it encrypts terminal passwords, derives generated ones and keys the
        // messages' fingerprints
        byte[] terminalKey = TerminalKeys.load(settings.find("terminals.password-key"),
                Path.of(settings.get("app.data-dir")));
        registry.bind("inboundMessages", inboundMessages);
        registry.bind("terminalCommands", new TerminalCommands(inboundMessages, terminalKey, clock));
        registry.bind("terminalRules", new TerminalRules());
        PaymentEvents paymentEvents = new PaymentEvents(clock);
        registry.bind("paymentEvents", paymentEvents);
        registry.bind("settlementEvents", new SettlementEvents(paymentEvents));
        registry.bind("paymentMapping", new PaymentMapping(settings.getLong("payment.commit-reservation-timeout-seconds"),
                Duration.ofSeconds(settings.getLong("payment.confirmation-timeout-seconds")),
                settings.get("payment.default-title"), clock));
        registry.bind("paymentRules", new PaymentRules(settings.getBoolean("payment.allow-over-commit"),
                Duration.ofSeconds(settings.getLong("payment.fulfilment-max-wait-seconds")), clock));
        registry.bind("pollSchedule", new PollSchedule(clock));
        registry.bind("statusPollCheck", StatusPollCheck.onLedger(ledger.dataSource(), settings.getInt("seqr.poll.verified-payments")));
        registry.bind("idempotencyKeys", new IdempotencyKeys(ledger.dataSource(), new MessageFingerprints(terminalKey)));
        registry.bind("terminalDirectory", new TerminalDirectory(ledger.transactionAware(), new PasswordCipher(terminalKey),
                Duration.ofSeconds(settings.getLong("terminals.credentials-cache-seconds")), clock));
    }

    /**
     * @param consumerWindowSize bytes of messages the broker may push to a consumer ahead of its receive. A consumer
     *                           waits for SEQR while holding its message, so a message buffered behind it would wait
     *                           that whole call although another consumer is free: 0 hands each message to a
     *                           consumer that asks for it
     */
    private static JmsPoolConnectionFactory pooledConnections(BrokerSettings broker, Settings settings,
                                                              int consumerWindowSize) {
        ActiveMQConnectionFactory artemis = broker.connectionFactory();
        artemis.setConsumerWindowSize(consumerWindowSize);
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis);
        pool.setMaxConnections(settings.getInt("broker.pool.max-connections"));
        pool.setMaxSessionsPerConnection(settings.getInt("broker.pool.max-sessions-per-connection"));
        return pool;
    }

    /**
     * The Artemis client's thread pools are per JVM and sized for many connections (8 per core, plus 10 for flow
     * control); the app has a few pooled connections and receives synchronously in its listener threads. Takes
     * effect only before the JVM's first broker connection, so it is done before the embedded broker starts.
     */
    private static void sizeBrokerClientThreads(int threads) {
        ActiveMQClient.setGlobalThreadPoolProperties(threads, ActiveMQClient.DEFAULT_SCHEDULED_THREAD_POOL_MAX_SIZE,
                Math.max(1, threads / 2));
    }

    /**
     * Consumers use local JMS transactions: a message is acknowledged only when its route completes, and
     * what the route sends through the same connection factory commits with that acknowledgement.
     *
     * @param surplusIdleReceives a consumer above its queue's minimum ends after this many empty receives in a row.
     *                            Without it Spring's listener container keeps every consumer a burst added for as
     *                            long as the app runs
     */
    private static JmsComponent jmsComponent(JmsPoolConnectionFactory connections, CheckedQueues queues,
                                             int surplusIdleReceives) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connections);
        jms.setDestinationResolver(queues);
        jms.setTransacted(true);
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setIdleReceivesPerTaskLimit(surplusIdleReceives);
        // the body of a message that is not text is never read (the error policy refuses it)
        jms.setMessageConverter(TEXT_MESSAGES_ONLY);
        // A rollback is the error policy's way to ask for redelivery; the route's log already says why
        jms.setErrorHandlerLogStackTrace(false);
        jms.setErrorHandlerLoggingLevel(LoggingLevel.DEBUG);
        return jms;
    }

    /**
     * Sends outside the consumed message's transaction, for re-sending what a crash may have lost: the broker
     * drops a resend whose duplicate id it has seen, where inside a transaction it would fail the commit. Its
     * own pool, since sends through the consumers' factory join their transaction.
     */
    private static JmsComponent resendComponent(JmsPoolConnectionFactory connections, CheckedQueues queues) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connections);
        jms.setDestinationResolver(queues);
        jms.setTransacted(false);
        return jms;
    }

    private static void bindLedger(Registry registry, DataSource dataSource) {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        SpringTransactionPolicy required = new SpringTransactionPolicy(transactions);
        required.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        registry.bind("dataSource", dataSource);
        registry.bind("ledgerTransaction", required);
        // Joins the route's ledger transaction, so a message id is recorded exactly when its effect commits
        registry.bind("processedMessages",
                new JdbcMessageIdRepository(dataSource, new TransactionTemplate(transactions), "seqr-backoffice"));
    }
}
