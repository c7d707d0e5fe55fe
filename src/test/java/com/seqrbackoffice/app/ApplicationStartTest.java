package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;

import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.CamelTracingService;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

import com.seqrbackoffice.testing.RunningApp;

class ApplicationStartTest {

    @Test
    void startsOnTheEmbeddedDefaultsReadyAndUntraced() {
        // where an exporter is at hand, as it is in TracingTest, the default settings still trace nothing
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (RunningApp app = RunningApp.start(RunningApp.isolatedSettings(), Map.of("spans", spans))) {
            assertThat(app.context().getStatus()).isEqualTo(ServiceStatus.Started);
            Collection<HealthCheck.Result> readiness = HealthCheckHelper.invokeReadiness(app.context());
            assertThat(readiness).extracting(result -> result.getCheck().getId())
                    .contains("broker", "ledger");
            assertThat(readiness).allSatisfy(result ->
                    assertThat(result.getState()).as(result.getCheck().getId()).isEqualTo(HealthCheck.State.UP));

            assertThat(app.context().hasService(CamelTracingService.class)).as("Camel's tracer").isNull();
            assertThat(app.context().getRoutePolicyFactories()).noneMatch(CamelTracingService.class::isInstance);
            assertThat(app.context().getRegistry().findByType(Tracer.class)).as("OpenTelemetry tracers").isEmpty();
        }
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }
}
