package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.RunningApp;

/** With the development setting on, an edited route file is reloaded while the app runs. */
class RouteReloadTest {

    @Test
    void editedRouteFileIsReloadedWhenReloadingIsOn() throws IOException {
        Path routes = Files.createTempDirectory(Path.of("target"), "routes-");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Properties settings = RunningApp.isolatedSettings();
        settings.setProperty("app.routes-dir", routes.toString());
        settings.setProperty("camel.main.routes-reload-enabled", "true");

        try (RunningApp app = RunningApp.start(settings)) {
            int routeCount = app.context().getRoutes().size();
            Path events = routes.resolve("payment-events.camel.yaml");
            String edited = Files.readString(events).replace(
                    "      Sends a payment event (the body) to the events queue",
                    "      Edited while running. Sends a payment event (the body) to the events queue");
            assertThat(edited).contains("Edited while running");
            Files.writeString(events, edited);

            // the reload removes the file's routes and adds them again one by one: wait for the last of them too
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                assertThat(app.context().getRoute("publish-payment-event").getDescription())
                        .startsWith("Edited while running");
                assertThat(app.context().getRoutes()).as("every route still there").hasSize(routeCount);
            });
        }
    }
}
