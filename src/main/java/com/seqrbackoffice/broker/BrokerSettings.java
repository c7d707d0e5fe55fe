package com.seqrbackoffice.broker;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import com.seqrbackoffice.app.Settings;

/** How the app reaches its broker and, when embedded, how the broker is set up. */
public record BrokerSettings(
        boolean embedded,
        String url,
        String user,
        String password,
        String acceptorUrl,
        String amqpAcceptorUrl,
        String stompAcceptorUrl,
        Path journalDir,
        long redeliveryDelayMillis,
        double redeliveryMultiplier,
        long maxRedeliveryDelayMillis,
        int maxDeliveryAttempts,
        int duplicateIdCacheSize,
        int terminalEventsDuplicateIdCacheSize,
        int terminalEventsQueueBufferSize,
        int eventsQueueMaxSizeKb,
        int embeddedGlobalMaxSizePercent,
        String eventsQueue,
        String deadLetterQueue,
        String expiryQueue,
        List<BrokerUser> embeddedUsers,
        Path embeddedRolesFile) {

    /** A user of the embedded broker besides the app's own: {@code name:password:role+role...}. */
    public record BrokerUser(String name, String password, Set<String> roles) {

        static BrokerUser parse(String entry) {
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            Set<String> roles = last <= first ? Set.of() : Arrays.stream(entry.substring(last + 1).split("\\+"))
                    .map(String::trim).filter(role -> !role.isEmpty()).collect(Collectors.toSet());
            if (first <= 0 || last == first + 1 || roles.isEmpty()) {
                throw new IllegalStateException("Setting broker.embedded.users: '" + entry.substring(0, Math.max(first, 0))
                        + "...' is not name:password:role+role...");
            }
            return new BrokerUser(entry.substring(0, first).trim(), entry.substring(first + 1, last), roles);
        }

        @Override
        public String toString() {
            return "BrokerUser[" + name + " " + roles + "]";
        }
    }

    static final String DESERIALIZE_NOTHING = "*";

    public static BrokerSettings from(Settings settings) {
        return new BrokerSettings(
                settings.getBoolean("broker.embedded"),
                settings.get("broker.url"),
                settings.get("broker.user"),
                settings.get("broker.password"),
                settings.get("broker.embedded.acceptor"),
                settings.get("broker.embedded.amqp-acceptor"),
                settings.get("broker.embedded.stomp-acceptor"),
                Path.of(settings.get("broker.embedded.journal-dir")),
                settings.getLong("broker.redelivery-delay-ms"),
                settings.getDouble("broker.redelivery-multiplier"),
                settings.getLong("broker.max-redelivery-delay-ms"),
                settings.getInt("broker.max-delivery-attempts"),
                settings.getInt("broker.duplicate-id-cache-size"),
                settings.getInt("broker.terminal-events-duplicate-id-cache-size"),
                settings.getInt("broker.terminal-events-queue-buffer-size"),
                settings.getInt("broker.events-queue-max-size-kb"),
                settings.getInt("broker.embedded.global-max-size-percent"),
                settings.get("queue.payment-events"),
                settings.get("queue.dead-letter"),
                settings.get("queue.expiry"),
                settings.getList("broker.embedded.users").stream().map(BrokerUser::parse).toList(),
                Path.of(settings.get("broker.embedded.roles-file")));
    }

    /** The URL the app's own connections use: in-VM for the embedded broker, else the configured one. */
    public String clientUrl() {
        return embedded ? EmbeddedBroker.IN_VM_URL : url;
    }

    /** The app's connections to its broker (see {@link #connectionFactory(String, String, String)}). */
    public ActiveMQConnectionFactory connectionFactory() {
        return connectionFactory(clientUrl(), user, password);
    }

    /**
     * A connection factory that deserializes no ObjectMessage: its deny list matches every class. The app never
     * asks for an object ({@link TextMessagesOnly}); this is the guard if some code ever did. Artemis reads an
     * empty allow list as "allow all", so the allow list stays empty and the deny list says {@code *}.
     */
    public static ActiveMQConnectionFactory connectionFactory(String url, String user, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        factory.setDeserializationDenyList(DESERIALIZE_NOTHING);
        return factory;
    }

    @Override
    public String toString() {
        return "BrokerSettings[embedded=" + embedded + ", url=" + url + ", user=" + user + ", password=****]";
    }
}
