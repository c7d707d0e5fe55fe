package com.seqrbackoffice.seqr.emulator;

import com.seqrbackoffice.seqr.api.InvoiceStatus;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the emulator saw, so that tests can prove "exactly once" and "never reversed". LongAdders keep the hot
 * path free of contention.
 */
final class Counters {

    /** The per-invoice attempts a test cares about. */
    enum InvoiceCall {
        COMMIT, CANCEL, REFUND
    }

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<InvoiceCall, Map<String, LongAdder>> attempts = new ConcurrentHashMap<>();
    private final Map<InvoiceCall, Map<String, LongAdder>> accepted = new ConcurrentHashMap<>();
    private final Map<InvoiceStatus, LongAdder> invoicesByStatus = new ConcurrentHashMap<>();
    private final LongAdder reversals = new LongAdder();
    private final LongAdder expirations = new LongAdder();

    void call(String operation) {
        increment(calls, operation);
    }

    void attempt(InvoiceCall call, String invoiceReference) {
        increment(attempts.computeIfAbsent(call, c -> new ConcurrentHashMap<>()), invoiceReference);
    }

    void accepted(InvoiceCall call, String invoiceReference) {
        increment(accepted.computeIfAbsent(call, c -> new ConcurrentHashMap<>()), invoiceReference);
    }

    void created(InvoiceStatus status) {
        invoicesByStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void moved(InvoiceStatus from, InvoiceStatus to) {
        invoicesByStatus.computeIfAbsent(from, s -> new LongAdder()).decrement();
        invoicesByStatus.computeIfAbsent(to, s -> new LongAdder()).increment();
    }

    void reversal() {
        reversals.increment();
    }

    void expiration() {
        expirations.increment();
    }

    EmulatorCounters snapshot() {
        Map<String, Long> byStatus = new TreeMap<>();
        invoicesByStatus.forEach((status, n) -> byStatus.put(status.name(), n.sum()));
        return new EmulatorCounters(copy(calls),
                copy(attempts.getOrDefault(InvoiceCall.COMMIT, Map.of())),
                copy(attempts.getOrDefault(InvoiceCall.CANCEL, Map.of())),
                copy(attempts.getOrDefault(InvoiceCall.REFUND, Map.of())),
                new EmulatorCounters.Accepted(
                        copy(accepted.getOrDefault(InvoiceCall.COMMIT, Map.of())),
                        copy(accepted.getOrDefault(InvoiceCall.CANCEL, Map.of())),
                        copy(accepted.getOrDefault(InvoiceCall.REFUND, Map.of()))),
                byStatus, reversals.sum(), expirations.sum());
    }

    private static void increment(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key == null ? "" : key, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> copy(Map<String, LongAdder> source) {
        Map<String, Long> copy = new TreeMap<>();
        source.forEach((key, n) -> copy.put(key, n.sum()));
        return copy;
    }
}
