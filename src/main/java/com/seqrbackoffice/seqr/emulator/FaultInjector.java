package com.seqrbackoffice.seqr.emulator;

import com.seqrbackoffice.seqr.api.ERSWSExternalClientService;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The faults in force, at most one per operation; a "fail the next N calls" fault clears itself. */
final class FaultInjector {

    /** The WSDL's operation names, so that a typo in a fault is refused instead of silently ignored. */
    static final Set<String> OPERATIONS = Arrays.stream(ERSWSExternalClientService.class.getMethods())
            .map(Method::getName).collect(Collectors.toUnmodifiableSet());

    private record Active(FaultSpec spec, AtomicInteger remaining) {
    }

    private final Map<String, Active> faults = new ConcurrentHashMap<>();

    void set(FaultSpec spec) {
        if (!OPERATIONS.contains(spec.operation())) {
            throw new IllegalArgumentException("Unknown operation " + spec.operation() + "; known: "
                    + OPERATIONS.stream().sorted().toList());
        }
        faults.put(spec.operation(), new Active(spec,
                spec.failNext() == null ? null : new AtomicInteger(spec.failNext())));
    }

    void clear() {
        faults.clear();
    }

    void clear(String operation) {
        faults.remove(operation);
    }

    /** The faults in force, with failNext showing the calls left. */
    List<FaultSpec> active() {
        return faults.values().stream().map(a -> a.remaining() == null ? a.spec()
                        : new FaultSpec(a.spec().operation(), a.spec().latencyMillis(), a.spec().soapFault(),
                                a.spec().resultCode(), a.spec().dropResponse(), a.spec().holdMillis(),
                                Math.max(1, a.remaining().get()), a.spec().share()))
                .sorted(Comparator.comparing(FaultSpec::operation)).toList();
    }

    /** The fault that applies to this call of {@code operation}, or null; counts down a failNext fault. */
    FaultSpec take(String operation) {
        Active active = faults.get(operation);
        if (active == null) {
            return null;
        }
        Double share = active.spec().share();
        if (share != null && ThreadLocalRandom.current().nextDouble() >= share) {
            return null;
        }
        if (active.remaining() == null) {
            return active.spec();
        }
        int left = active.remaining().getAndDecrement();
        if (left <= 1) {
            faults.remove(operation, active);
        }
        return left >= 1 ? active.spec() : null;
    }
}
