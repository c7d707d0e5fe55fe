package com.seqrbackoffice.app;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * Camel's Micrometer route metrics ({@code camel_exchanges_*}, {@code camel_route_policy_seconds}, tagged
 * {@code routeId}) for the routes that take work in, from a queue, a timer or an HTTP path, and not for the
 * {@code direct:} sub-routes they call: a sub-route's time and failures are inside its caller's. A status poll
 * runs through five sub-routes, and for each the route policy formats an exchange property name twice; at 2,000
 * polls a second that was a tenth of all the app allocated.
 * <p>
 * In place of camel-main's own route policy ({@code camel.metrics.enable-route-policy=false}), with the same names
 * and tags, per route and not for the whole context.
 */
final class EntryRouteMetrics implements RoutePolicyFactory {

    private final MicrometerRoutePolicyFactory metrics = new MicrometerRoutePolicyFactory();

    private EntryRouteMetrics(MeterRegistry meters) {
        MicrometerRoutePolicyConfiguration perRoute = new MicrometerRoutePolicyConfiguration();
        perRoute.setContextEnabled(false);
        perRoute.setRouteEnabled(true);
        metrics.setPolicyConfiguration(perRoute);
        metrics.setMeterRegistry(meters);
    }

    /** Adds the metrics to {@code context}, before its routes start. */
    static void addTo(CamelContext context, MeterRegistry meters) {
        EntryRouteMetrics factory = new EntryRouteMetrics(meters);
        try {
            context.addService(factory.metrics);
        } catch (Exception e) {
            throw new IllegalStateException("Could not add the route metrics", e);
        }
        context.addRoutePolicyFactory(factory);
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        return isSubRoute(route) ? null : metrics.createRoutePolicy(context, routeId, route);
    }

    private static boolean isSubRoute(NamedNode route) {
        return route instanceof RouteDefinition definition && definition.getInput() != null
                && definition.getInput().getEndpointUri().startsWith("direct:");
    }
}
