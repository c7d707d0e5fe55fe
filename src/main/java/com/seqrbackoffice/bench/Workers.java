package com.seqrbackoffice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** Like {@link #rate(String, int, Duration, Duration, Loop)}, for workers that hold a resource between loops. */
    static double rateOfWorkers(String name, int threads, Duration warmUp, Duration measure, WorkerFactory factory)
            throws Exception {
        LongAdder counted = new LongAdder();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int worker = i;
            // virtual, as the routes' consumers are: a worker waiting for SEQR holds no platform thread
            Thread thread = Thread.ofVirtual().name("bench-" + name + "-" + worker).unstarted(() -> {
                try (Worker w = factory.create(worker)) {
                    while (failure.get() == null) {
                        boolean done = w.loop();
                        long now = System.nanoTime();
                        if (now >= end) {
                            return;
                        }
                        if (done && now >= measureFrom) {
                            counted.increment();
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            });
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The " + name + " measurement failed", failure.get());
        }
        return counted.sum() / (measure.toNanos() / 1e9);
    }
}
