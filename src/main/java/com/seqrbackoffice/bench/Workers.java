package com.seqrbackoffice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one task in a loop on N virtual threads for a warm-up and then a measured period, and counts the loops completed in
 * the measured period: the rate a resource sustains at that concurrency.
 */
final class Workers {

    /**
     * One loop of a worker; {@code worker} is its index, for workers that own a resource (a terminal, a session).
     * Returns whether it did a unit of work (a failed call or an empty receive does not count).
     */
    @FunctionalInterface
    interface Loop {
        boolean run(int worker) throws Exception;
    }

    /** A worker's setup and cleanup around its loops (a JMS session, say), on the worker's own thread. */
    interface Worker extends AutoCloseable {
        /** As {@link Loop#run}. */
        boolean loop() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    @FunctionalInterface
    interface WorkerFactory {
        Worker create(int worker) throws Exception;
    }

    private Workers() {
    }

    /** Loops per second during {@code measure}, after {@code warmUp}. */
    static double rate(String name, int threads, Duration warmUp, Duration measure, Loop loop) throws Exception {
        return rateOfWorkers(name, threads, warmUp, measure, worker -> () -> loop.run(worker));
    }

    /**
     * Like {@link #rate(String, int, Duration, Duration, Loop)}, for workers that hold a resource between loops. The
     * warm-up starts once every worker is set up: setting up (registering a terminal at SEQR's latency, in a JVM that
     * has just started) is not part of the rate.
     */
    static double rateOfWorkers(String name, int threads, Duration warmUp, Duration measure, WorkerFactory factory)
            throws Exception {
        LongAdder counted = new LongAdder();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch setUp = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int worker = i;
            // virtual, as the routes' consumers are: a worker waiting for SEQR holds no platform thread
            running.add(Thread.ofVirtual().name("bench-" + name + "-" + worker).start(() -> {
                try (Worker w = setUp(factory, worker, failure, setUp)) {
                    go.await();
                    while (w != null && failure.get() == null) {
                        boolean done = w.loop();
                        long now = System.nanoTime();
                        if (now >= window[1]) {
                            return;
                        }
                        if (done && now >= window[0]) {
                            counted.increment();
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        setUp.await();
        window[0] = System.nanoTime() + warmUp.toNanos();
        window[1] = window[0] + measure.toNanos();
        // the latch publishes the window to the workers
        go.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The " + name + " measurement failed", failure.get());
        }
        return counted.sum() / (measure.toNanos() / 1e9);
    }

    /** The worker, or null when setting it up failed (the failure is kept); counts {@code setUp} down either way. */
    private static Worker setUp(WorkerFactory factory, int worker, AtomicReference<Exception> failure,
                                CountDownLatch setUp) {
        try {
            return factory.create(worker);
        } catch (Exception e) {
            failure.compareAndSet(null, e);
            return null;
        } finally {
            setUp.countDown();
        }
    }
}
