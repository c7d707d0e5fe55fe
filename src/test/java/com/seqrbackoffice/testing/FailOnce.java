package com.seqrbackoffice.testing;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A failure armed for one key (an order, a terminal) that a woven step throws the next time it runs for that key,
 * and only then: the redelivery after it runs the route as it is.
 */
public final class FailOnce {

    private final AtomicReference<Object> armedFor = new AtomicReference<>();

    public void armFor(Object key) {
        armedFor.set(key);
    }

    /** True once, for the armed key; the caller then throws its failure. */
    public boolean takeFor(Object key) {
        Object armed = armedFor.get();
        return armed != null && armed.equals(key) && armedFor.compareAndSet(armed, null);
    }

    public boolean taken() {
        return armedFor.get() == null;
    }
}
