package com.seqrbackoffice.broker;

import java.nio.file.Path;
import java.util.List;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * The embedded ActiveMQ Artemis broker: a persistent journal, a TCP acceptor for tills and tools (CORE, and AMQP 1.0
 * and STOMP on acceptors of their own), an in-VM acceptor for the app itself, explicit address settings so that no
 * message is ever dropped (past its memory limit a queue keeps its messages in page files), and the roles of
 * config/artemis-broker.properties ({@link BrokerRoles}) for the app's user and those of {@code broker.embedded.users},
 * on every acceptor.
 */
public final class EmbeddedBroker {

    /** The app's own connection to the embedded broker, without a network hop. */
    public static final String IN_VM_URL = "vm://0";
    /** The broker's name: in its JMX object names (Hawtio) and its threads' names. */
    public static final String NAME = "seqr-backoffice-embedded";

    // Artemis sizes its pools for a dedicated broker host (30 threads, 5 scheduled); embedded, it shares the app's
    // cores, and the benchmark on 2 cores ran faster with a pool of 4 per core (docs/performance.md)
    private static final int THREADS_PER_CORE = 4;
    private static final int SCHEDULED_THREADS = 2;
    private static final long KIB = 1024;

    private final BrokerSettings settings;
    private EmbeddedActiveMQ server;

    public EmbeddedBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ()
                .setConfiguration(configuration())
                .setSecurityManager(securityManager());
        embedded.start();
        server = embedded;
    }

    public synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Messages on a queue, those being delivered included; 0 for a queue that does not exist. */
    public synchronized long messageCount(String queue) {
        var found = server == null ? null : server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    /** Messages on a queue that are not due yet (counted in {@link #messageCount}); 0 for a queue that does not exist. */
    public synchronized long scheduledCount(String queue) {
        var found = server == null ? null : server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getScheduledCount();
    }

    /** Consumers on a queue, of every instance connected; 0 for a queue that does not exist. */
    public synchronized int consumerCount(String queue) {
        var found = server == null ? null : server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getConsumerCount();
    }

    public synchronized boolean isActive() {
        return server != null && server.getActiveMQServer().isActive();
    }

    private Configuration configuration() throws Exception {
        Path journal = settings.journalDir();
        Configuration config = new ConfigurationImpl()
                .setName(NAME)
                .setPersistenceEnabled(true)
                .setJournalDirectory(journal.resolve("journal").toString())
                .setBindingsDirectory(journal.resolve("bindings").toString())
                .setLargeMessagesDirectory(journal.resolve("large-messages").toString())
                .setPagingDirectory(journal.resolve("paging").toString())
                // its addresses, queues and message counts beside Camel's MBeans, for Hawtio and Jolokia
                .setJMXManagementEnabled(true)
                .setThreadPoolMaxSize(THREADS_PER_CORE * Runtime.getRuntime().availableProcessors())
                .setScheduledThreadPoolMaxSize(SCHEDULED_THREADS)
                .setSecurityEnabled(true)
                // it holds its messages in the app's heap: Artemis' default, half of it, left the app too little
                .setGlobalMaxSizePercentOfJvmMaxMemory(settings.embeddedGlobalMaxSizePercent())
                .setIDCacheSize(settings.duplicateIdCacheSize())
                .setPersistIDCache(true)
                .addAcceptorConfiguration("in-vm", IN_VM_URL)
                .addAcceptorConfiguration("tcp", settings.acceptorUrl());
        addProtocolAcceptor(config, "amqp", "AMQP", settings.amqpAcceptorUrl());
        addProtocolAcceptor(config, "stomp", "STOMP", settings.stompAcceptorUrl());

        config.addAddressSetting("#", addressSettings());
        // the broker allocates an address's whole duplicate id cache with its first message that has an id: at
        // 100,000 ids, 400 KB for each terminal's events queue (2,000 tills took 800 MB); a terminal's queue sees
        // only its own events, so a smaller cache covers the same time as the shared queue's. Likewise each queue
        // allocates its buffer of incoming messages (8,192 slots, 32 KB) when it is made: a terminal's queue takes a
        // few events a minute. Tills read their own queue, so the shared one fills wherever no back office reads
        // it: past its memory limit it keeps what comes in in page files on disk. A terminal's queue has no limit of
        // its own (the broker's share of the heap applies): a till that reads it with a selector leaves some events
        // behind, and on a paging queue enough of those left in memory would stop the broker reading the rest back
        config.addAddressSetting(settings.eventsQueue() + ".#",
                new AddressSettings().setIDCacheSize(settings.terminalEventsDuplicateIdCacheSize())
                        .setInitialQueueBufferSize(settings.terminalEventsQueueBufferSize()));
        config.addAddressSetting(settings.eventsQueue(),
                new AddressSettings().setIDCacheSize(settings.duplicateIdCacheSize())
                        .setMaxSizeBytes(KIB * settings.eventsQueueMaxSizeKb())
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
        config.setSecurityRoles(BrokerRoles.fromFile(settings.embeddedRolesFile()));
        for (String queue : List.of(settings.deadLetterQueue(), settings.expiryQueue())) {
            config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        return config;
    }

    /**
     * An acceptor for tills that speak AMQP 1.0 or STOMP (docs/messages.md); an empty URL: none. It takes that
     * protocol only, and the same users, roles and address settings apply as on the CORE acceptor.
     */
    private static void addProtocolAcceptor(Configuration config, String name, String protocol, String url) throws Exception {
        if (url == null || url.isBlank()) {
            return;
        }
        config.addAcceptorConfiguration(name, url + (url.contains("?") ? "&" : "?") + "protocols=" + protocol);
    }

    private AddressSettings addressSettings() {
        return new AddressSettings()
                .setRedeliveryDelay(settings.redeliveryDelayMillis())
                .setRedeliveryMultiplier(settings.redeliveryMultiplier())
                .setMaxRedeliveryDelay(settings.maxRedeliveryDelayMillis())
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setDeadLetterAddress(SimpleString.of(settings.deadLetterQueue()))
                .setExpiryAddress(SimpleString.of(settings.expiryQueue()))
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                // a queue is a contract, not a session: it stays when its last consumer leaves (a till's events
                // queue while the till is off), and the app keeps the queues it checked once (CheckedQueues)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST);
    }

    private ActiveMQJAASSecurityManager securityManager() {
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(settings.user(), settings.password());
        users.addRole(settings.user(), BrokerRoles.APP);
        for (BrokerSettings.BrokerUser user : settings.embeddedUsers()) {
            if (user.name().equals(settings.user())) {
                throw new IllegalStateException("Setting broker.embedded.users names " + user.name()
                        + ", the app's own user (broker.user)");
            }
            users.addUser(user.name(), user.password());
            user.roles().forEach(role -> users.addRole(user.name(), role));
        }
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
    }
}
