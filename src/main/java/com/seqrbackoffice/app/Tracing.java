package com.seqrbackoffice.app;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The OpenTelemetry SDK behind Camel's tracer, when {@value #ENABLED} is true (docs/operations.md, Tracing). Camel Main makes
 * camel-opentelemetry2's tracer from the {@code camel.opentelemetry2.*} settings, and that tracer takes the
 * OpenTelemetry {@link Tracer} and {@link ContextPropagators} it finds in the registry, else the JVM-wide
 * {@code GlobalOpenTelemetry}, which does nothing unless an agent set it up. It looks as soon as Main makes it,
 * before any {@code CamelConfiguration} runs: so this listener binds them before Main configures the context.
 * <p>
 * Spans go in batches to the OTLP/HTTP endpoint {@code tracing.otlp-endpoint}, or to a {@link SpanExporter} bound
 * in the registry (an application that embeds this one, or a test). The trace context travels in the W3C
 * {@code traceparent} message property, which is a valid JMS property name as it is, so the status polls that a
 * payment request schedules continue its trace. With tracing off nothing is bound and Camel makes no tracer.
 */
final class Tracing extends MainListenerSupport {

    static final String ENABLED = "camel.opentelemetry2.enabled";
    // the name camel-opentelemetry2 gives its own tracer, so that collectors group these spans as Camel's
    private static final String INSTRUMENTATION_SCOPE = "camel";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        Settings settings = new Settings(key -> context.getPropertiesComponent().resolveProperty(key));
        if (!settings.find(ENABLED).map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        Registry registry = context.getRegistry();
        SpanExporter exporter = registry.findSingleByType(SpanExporter.class);
        String destination = "the registry's " + (exporter == null ? null : exporter.getClass().getSimpleName());
        if (exporter == null) {
            String endpoint = settings.get("tracing.otlp-endpoint");
            exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
            destination = endpoint;
        }
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().toBuilder().put(SERVICE_NAME, settings.get("tracing.service-name")).build())
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        registry.bind("openTelemetryTracer", Tracer.class, provider.get(INSTRUMENTATION_SCOPE));
        registry.bind("openTelemetryPropagators", ContextPropagators.class,
                ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
        try {
            // stopped with the context, after its routes: the spans of the last messages still go out
            context.addService(new ProviderShutdown(provider), true, false);
        } catch (Exception e) {
            throw new IllegalStateException("Could not register the tracer provider with Camel", e);
        }
        LOG.info("Tracing on: spans of service {} to {}", settings.get("tracing.service-name"), destination);
    }

    private record ProviderShutdown(SdkTracerProvider provider) implements Service {

        @Override
        public void start() {
        }

        @Override
        public void stop() {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
