package com.seqrbackoffice.app;

import java.lang.management.ManagementFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the one line an operator waits for: the app is ready, with what it is connected to. */
final class ReadinessLog implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger("seqr-backoffice");

    private final BackofficeResources resources;

    ReadinessLog(BackofficeResources resources) {
        this.resources = resources;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the routes are not all started yet: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        long started = context.getRoutes().stream()
                .filter(route -> context.getRouteController().getRouteStatus(route.getRouteId()).isStarted())
                .count();
        LOG.info("seqr-backoffice ready in {} ms: broker {}, ledger {}, SEQR {}, {} routes started{}",
                ManagementFactory.getRuntimeMXBean().getUptime(), resources.brokerDescription(),
                resources.ledgerDescription(), resources.seqrDescription(), started, managementAddress(context));
    }

    /**
     * Where health, metrics and the back office are served, as bound (Camel's own summary prints 0.0.0.0 whatever
     * the host).
     */
    private static String managementAddress(CamelContext context) {
        var properties = context.getPropertiesComponent();
        if (!properties.resolveProperty("camel.management.enabled").map(Boolean::parseBoolean).orElse(false)) {
            return "";
        }
        String base = "http://" + properties.resolveProperty("camel.management.host").orElse("0.0.0.0") + ":"
                + properties.resolveProperty("camel.management.port").orElse("8080");
        return ", health " + base + "/observe/health, metrics " + base + "/observe/metrics, back office " + base
                + "/backoffice";
    }
}
