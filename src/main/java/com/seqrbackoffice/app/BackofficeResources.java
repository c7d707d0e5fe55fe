package com.seqrbackoffice.app;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import org.apache.camel.support.service.ServiceSupport;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

import com.seqrbackoffice.broker.BrokerSettings;
import com.seqrbackoffice.broker.DueMessageRelay;
import com.seqrbackoffice.broker.EmbeddedBroker;
import com.seqrbackoffice.ledger.LedgerDatabase;

/**
 * The long-lived resources the app opened before its routes: closed after the routes stop, in the reverse
 * order of their use (SEQR emulator, broker connections, ledger, embedded broker).
 */
public final class BackofficeResources extends ServiceSupport {

    private BrokerSettings brokerSettings;
    private EmbeddedBroker embeddedBroker;
    private JmsPoolConnectionFactory connections;
    private JmsPoolConnectionFactory resendConnections;
    private LedgerDatabase ledger;
    private DueMessageRelay duePollRelay;
    private final java.util.List<AutoCloseable> seqrResources = new java.util.ArrayList<>();
    private String seqrDescription = "not configured";

    void embeddedBroker(EmbeddedBroker broker) {
        this.embeddedBroker = broker;
    }

    void broker(BrokerSettings settings, JmsPoolConnectionFactory consumers, JmsPoolConnectionFactory resends) {
        this.brokerSettings = settings;
        this.connections = consumers;
        this.resendConnections = resends;
    }

    void duePollRelay(DueMessageRelay relay) {
        this.duePollRelay = relay;
    }

    void ledger(LedgerDatabase database) {
        this.ledger = database;
    }

    void seqr(String description, AutoCloseable... closeables) {
        this.seqrDescription = description;
        seqrResources.addAll(java.util.List.of(closeables));
    }

    public EmbeddedBroker embeddedBroker() {
        return embeddedBroker;
    }

    public LedgerDatabase ledger() {
        return ledger;
    }

    String brokerDescription() {
        return brokerSettings.embedded()
                ? "embedded (journal " + brokerSettings.journalDir() + ", clients at " + brokerSettings.acceptorUrl() + ")"
                : brokerSettings.url();
    }

    String ledgerDescription() {
        return ledger.describe();
    }

    String seqrDescription() {
        return seqrDescription;
    }

    /** Messages on a queue of the embedded broker; -1 with an external broker, whose queues the app cannot count. */
    long queueDepth(String queue) {
        return embeddedBroker != null && embeddedBroker.isActive() ? embeddedBroker.messageCount(queue) : -1;
    }

    boolean brokerReachable() {
        if (embeddedBroker != null && !embeddedBroker.isActive()) {
            return false;
        }
        try {
            Connection connection = connections.getConnectionFactory() instanceof jakarta.jms.ConnectionFactory factory
                    ? factory.createConnection(brokerSettings.user(), brokerSettings.password())
                    : connections.createConnection();
            connection.close();
            return true;
        } catch (JMSException e) {
            return false;
        }
    }

    @Override
    protected void doStop() throws Exception {
        closeAll();
    }

    void closeAll() throws Exception {
        if (duePollRelay != null) {
            duePollRelay.close();
        }
        for (AutoCloseable resource : seqrResources) {
            resource.close();
        }
        if (connections != null) {
            connections.stop();
            resendConnections.stop();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (embeddedBroker != null) {
            embeddedBroker.stop();
        }
    }
}
