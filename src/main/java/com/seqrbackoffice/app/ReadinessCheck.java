package com.seqrbackoffice.app;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** A readiness check of one resource the routes depend on (broker, ledger, SEQR). */
final class ReadinessCheck extends AbstractHealthCheck {

    private final BooleanSupplier reachable;

    ReadinessCheck(String resource, BooleanSupplier reachable) {
        super("seqr-backoffice", resource);
        this.reachable = reachable;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (reachable.getAsBoolean()) {
            builder.up();
        } else {
            builder.message(getId() + " is not reachable").down();
        }
    }
}
