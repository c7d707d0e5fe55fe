package com.seqrbackoffice.seqr.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import com.seqrbackoffice.seqr.api.ERSWSExternalClientService;

/**
 * The {@code seqr.*} settings the client needs, read once at start.
 *
 * @param url               SEQR's merchant endpoint ({@code seqr.url})
 * @param connectTimeoutMs  time to open a connection ({@code seqr.connect-timeout-ms})
 * @param receiveTimeoutMs  time to wait for the answer ({@code seqr.receive-timeout-ms}) of an operation that has
 *                          no timeout of its own; stays below the poll interval so that one slow poll never delays
 *                          the next one
 * @param clientId          product and version sent as {@code clientId} ({@code seqr.client-id})
 * @param channel           {@code channel} of every call ({@code seqr.channel})
 * @param resellerId        RESELLERUSER id ({@code seqr.reseller.id})
 * @param resellerUserId    RESELLERUSER userId ({@code seqr.reseller.user-id})
 * @param resellerPassword  RESELLERUSER password ({@code seqr.reseller.password})
 * @param logMessages       log SOAP messages with passwords masked ({@code seqr.log-messages})
 * @param maxConcurrentCalls SEQR calls waiting for their answer at the same time, per instance
 *                          ({@code seqr.max-concurrent-calls}, {@value #DEFAULT_MAX_CONCURRENT_CALLS} when absent);
 *                          more wait for a free slot
 * @param operationReceiveTimeoutsMs receive timeouts of the operations whose work takes longer than a poll (a
 *                          refund, a report), by operation name ({@code seqr.receive-timeout-ms.<operation>}, the
 *                          operation in kebab case: {@code seqr.receive-timeout-ms.refund-payment})
 */
public record SeqrClientSettings(String url, int connectTimeoutMs, int receiveTimeoutMs, String clientId,
                                 String channel, String resellerId, String resellerUserId,
                                 String resellerPassword, boolean logMessages, int maxConcurrentCalls,
                                 Map<String, Integer> operationReceiveTimeoutsMs) {

    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 200;
    /** Prefix of an operation's own receive timeout setting. */
    public static final String OPERATION_TIMEOUT_PREFIX = "seqr.receive-timeout-ms.";

    public SeqrClientSettings {
        requireText(url, "seqr.url");
        requireText(clientId, "seqr.client-id");
        requireText(channel, "seqr.channel");
        requireText(resellerId, "seqr.reseller.id");
        requireText(resellerUserId, "seqr.reseller.user-id");
        Objects.requireNonNull(resellerPassword, "seqr.reseller.password");
        if (maxConcurrentCalls <= 0) {
            throw new IllegalArgumentException("seqr.max-concurrent-calls must be positive");
        }
        operationReceiveTimeoutsMs = Map.copyOf(operationReceiveTimeoutsMs);
        // CXF reads 0 as "wait forever", which would let one stuck call hold a route thread
        if (connectTimeoutMs <= 0 || receiveTimeoutMs <= 0
                || operationReceiveTimeoutsMs.values().stream().anyMatch(timeout -> timeout <= 0)) {
            throw new IllegalArgumentException("seqr.connect-timeout-ms and the seqr.receive-timeout-ms settings must be positive");
        }
        // SEQR limits the channel to 40 characters
        if (channel.length() > 40) {
            throw new IllegalArgumentException("seqr.channel is longer than 40 characters");
        }
    }

    /** Settings in which every operation waits {@code receiveTimeoutMs} for its answer. */
    public SeqrClientSettings(String url, int connectTimeoutMs, int receiveTimeoutMs, String clientId, String channel,
                              String resellerId, String resellerUserId, String resellerPassword, boolean logMessages,
                              int maxConcurrentCalls) {
        this(url, connectTimeoutMs, receiveTimeoutMs, clientId, channel, resellerId, resellerUserId, resellerPassword,
                logMessages, maxConcurrentCalls, Map.of());
    }

    /** How long a call of {@code operation} waits for SEQR's answer. */
    public int receiveTimeoutMs(String operation) {
        return operation == null ? receiveTimeoutMs : operationReceiveTimeoutsMs.getOrDefault(operation, receiveTimeoutMs);
    }

    /**
     * Reads the settings through a property lookup, e.g.
     * {@code key -> context.getPropertiesComponent().resolveProperty(key).orElse(null)}.
     */
    public static SeqrClientSettings fromProperties(Function<String, String> property) {
        return new SeqrClientSettings(
                required(property, "seqr.url"),
                Integer.parseInt(required(property, "seqr.connect-timeout-ms").trim()),
                Integer.parseInt(required(property, "seqr.receive-timeout-ms").trim()),
                required(property, "seqr.client-id"),
                required(property, "seqr.channel"),
                required(property, "seqr.reseller.id"),
                required(property, "seqr.reseller.user-id"),
                Objects.requireNonNullElse(property.apply("seqr.reseller.password"), ""),
                Boolean.parseBoolean(Objects.requireNonNullElse(property.apply("seqr.log-messages"), "false").trim()),
                Integer.parseInt(Objects.requireNonNullElse(property.apply("seqr.max-concurrent-calls"),
                        Integer.toString(DEFAULT_MAX_CONCURRENT_CALLS)).trim()),
                operationTimeouts(property));
    }

    /** The setting of an operation's own receive timeout: {@code refundPayment} -> {@code seqr.receive-timeout-ms.refund-payment}. */
    public static String operationTimeoutKey(String operation) {
        return OPERATION_TIMEOUT_PREFIX + operation.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Integer> operationTimeouts(Function<String, String> property) {
        Map<String, Integer> timeouts = new TreeMap<>();
        Arrays.stream(ERSWSExternalClientService.class.getMethods()).map(java.lang.reflect.Method::getName).distinct()
                .forEach(operation -> {
                    String value = property.apply(operationTimeoutKey(operation));
                    if (value != null && !value.isBlank()) {
                        timeouts.put(operation, Integer.parseInt(value.trim()));
                    }
                });
        return timeouts;
    }

    // The record's generated toString would print the reseller password wherever settings are logged
    @Override
    public String toString() {
        return "SeqrClientSettings[url=" + url + ", connectTimeoutMs=" + connectTimeoutMs + ", receiveTimeoutMs="
                + receiveTimeoutMs + ", clientId=" + clientId + ", channel=" + channel + ", resellerId=" + resellerId
                + ", resellerUserId=" + resellerUserId + ", resellerPassword=***, logMessages=" + logMessages
                + ", maxConcurrentCalls=" + maxConcurrentCalls + ", operationReceiveTimeoutsMs=" + operationReceiveTimeoutsMs
                + "]";
    }

    private static String required(Function<String, String> property, String key) {
        String value = property.apply(key);
        requireText(value, key);
        return value;
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Setting " + key + " is missing");
        }
    }
}
