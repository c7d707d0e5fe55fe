package com.seqrbackoffice.seqr.emulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The waits inside the emulator's calls: SEQR's latency and a fault's held answer. {@link #endAll()} cuts short
 * the waits under way and every later one, so that a stopping emulator does not sit out its held answers.
 * <p>
 * Each call parks on its own. They had all waited on one shared latch, and each wait that timed out walked the
 * latch's queue of waiters to leave it: with the hundreds of calls a SEQR at 100 to 300 ms has in flight, a few per
 * cent of the emulator's CPU.
 */
final class CallPauses {

    private final Set<Thread> pausing = ConcurrentHashMap.newKeySet();
    private volatile boolean ended;

    /** Waits this long, or less if {@link #endAll()} is called or the calling thread is interrupted. */
    void pause(long millis) {
        if (millis <= 0 || ended) {
            return;
        }
        Thread caller = Thread.currentThread();
        // registered before ended is read again: endAll either sees the caller or the caller sees ended
        pausing.add(caller);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            for (long left = deadline - System.nanoTime(); left > 0 && !ended && !caller.isInterrupted();
                 left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
        } finally {
            pausing.remove(caller);
        }
    }

    /** Ends every wait now and makes later ones return at once. */
    void endAll() {
        ended = true;
        pausing.forEach(LockSupport::unpark);
    }
}
