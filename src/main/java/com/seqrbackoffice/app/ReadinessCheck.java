package com.seqrbackoffice.app;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness check of one resource the routes depend on (broker, ledger, SEQR). The probe runs on a thread of its
 * own and the check answers within {@code timeout}: a pool waiting for a database that went away would otherwise
 * hold the health request for its whole connection timeout. While a slow probe is still running the check
 * answers DOWN without starting another.
 */
final class ReadinessCheck extends AbstractHealthCheck {

    private final BooleanSupplier reachable;
    private final Duration timeout;
    private final ExecutorService prober;
    private CompletableFuture<Boolean> running;

    ReadinessCheck(String resource, BooleanSupplier reachable, Duration timeout) {
        super("seqr-backoffice", resource);
        this.reachable = reachable;
        this.timeout = timeout;
        // At most one probe at a time; its thread ends when the checks stop being called
        this.prober = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "readiness-" + resource);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CompletableFuture<Boolean> probe;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = CompletableFuture.supplyAsync(reachable::getAsBoolean, prober);
            }
            probe = running;
        }
        try {
            if (probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                builder.up();
            } else {
                builder.message(getId() + " is not reachable").down();
            }
        } catch (TimeoutException e) {
            builder.message(getId() + " did not answer within " + timeout.toMillis() + " ms").down();
        } catch (ExecutionException e) {
            builder.message(getId() + " is not reachable: " + e.getCause()).down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("interrupted").down();
        }
    }
}
