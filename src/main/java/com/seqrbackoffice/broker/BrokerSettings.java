package com.seqrbackoffice.broker;

import java.nio.file.Path;

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
        String deadLetterQueue,
        String expiryQueue) {

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
                settings.get("queue.dead-letter"),
                settings.get("queue.expiry"));
    }

    /** The URL the app's own connections use: in-VM for the embedded broker, else the configured one. */
    public String clientUrl() {
        return embedded ? EmbeddedBroker.IN_VM_URL : url;
    }

    @Override
    public String toString() {
        return "BrokerSettings[embedded=" + embedded + ", url=" + url + ", user=" + user + ", password=****]";
    }
}
