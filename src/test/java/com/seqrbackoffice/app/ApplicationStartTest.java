package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;

import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.RunningApp;

class ApplicationStartTest {

    @Test
    void startsOnTheEmbeddedDefaultsAndIsReady() {
        try (RunningApp app = RunningApp.start(RunningApp.isolatedSettings())) {
            assertThat(app.context().getStatus()).isEqualTo(ServiceStatus.Started);
            Collection<HealthCheck.Result> readiness = HealthCheckHelper.invokeReadiness(app.context());
            assertThat(readiness).extracting(result -> result.getCheck().getId())
                    .contains("broker", "ledger");
            assertThat(readiness).allSatisfy(result ->
                    assertThat(result.getState()).as(result.getCheck().getId()).isEqualTo(HealthCheck.State.UP));
        }
    }
}
