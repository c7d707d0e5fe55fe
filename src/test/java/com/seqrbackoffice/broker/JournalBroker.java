package com.seqrbackoffice.broker;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import com.seqrbackoffice.app.Settings;
import com.seqrbackoffice.testing.ConfigFile;

/**
 * The embedded broker as config/application.properties sets it up, on a journal of a test's own, with one acceptor
 * on a free port and no AMQP or STOMP one, so that tests of the broker itself can run beside each other.
 *
 * @param settings the settings it was started with
 */
record JournalBroker(Properties settings, EmbeddedBroker broker) implements AutoCloseable {

    static JournalBroker start(Path journal) throws Exception {
        return start(journal, new Properties());
    }

    /** With some settings other than config/application.properties'. */
    static JournalBroker start(Path journal, Properties overrides) throws Exception {
        Properties settings = ConfigFile.load();
        settings.putAll(overrides);
        settings.setProperty("broker.embedded.journal-dir", journal.toString());
        settings.setProperty("broker.embedded.acceptor", "tcp://127.0.0.1:0");
        settings.setProperty("broker.embedded.amqp-acceptor", "");
        settings.setProperty("broker.embedded.stomp-acceptor", "");
        EmbeddedBroker broker = new EmbeddedBroker(BrokerSettings.from(
                new Settings(key -> Optional.ofNullable(settings.getProperty(key)))));
        broker.start();
        return new JournalBroker(settings, broker);
    }

    /** Connections in the VM, with the app's user. */
    ActiveMQConnectionFactory connections() {
        return BrokerSettings.connectionFactory(EmbeddedBroker.IN_VM_URL, settings.getProperty("broker.user"),
                settings.getProperty("broker.password"));
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
