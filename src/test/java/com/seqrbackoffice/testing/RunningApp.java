package com.seqrbackoffice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import com.seqrbackoffice.app.Application;
import com.seqrbackoffice.app.SideBySideSettings;

/**
 * The real application, started in this JVM on the real routes/ and config/, with its own data folder and
 * free ports so that tests do not share state. Stop it with {@link #close()}; start it again on the same
 * data with {@link #restart()}.
 */
public final class RunningApp implements AutoCloseable {

    private final Properties overrides;
    private final Map<String, Object> beans;
    private Main main;

    private RunningApp(Properties overrides, Map<String, Object> beans) {
        this.overrides = overrides;
        this.beans = beans;
    }

    /** Settings every test app gets: a fresh data folder and free ports. */
    public static Properties isolatedSettings() {
        Properties settings;
        try {
            settings = SideBySideSettings.of(Files.createTempDirectory(Path.of("target"), "app-data-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // each step's file and line in its statistics, for the route coverage report (RouteCoverage)
        settings.setProperty("camel.main.source-location-enabled", "true");
        settings.setProperty("camel.main.jmx-management-statistics-level", "Default");
        settings.setProperty("camel.main.jmx-management-m-beans-level", "Default");
        return settings;
    }

    public static RunningApp start(Properties overrides) {
        return start(overrides, Map.of());
    }

    /** Starts the app with {@code beans} in its registry from the start, as an application embedding it would. */
    public static RunningApp start(Properties overrides, Map<String, Object> beans) {
        RunningApp app = new RunningApp(overrides, beans);
        app.startMain();
        return app;
    }

    /** Starts a stopped app again on the same data folder and ports. */
    public void startAgain() {
        startMain();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public ProducerTemplate producer() {
        return context().createProducerTemplate();
    }

    public String setting(String key) {
        return context().getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("no setting " + key));
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    @Override
    public void close() {
        stopMain();
    }

    private void startMain() {
        main = Application.create(overrides);
        beans.forEach(main::bind);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("The app did not start", e);
        }
    }

    private void stopMain() {
        if (main != null) {
            if (main.getCamelContext() != null && main.getCamelContext().isStarted()) {
                RouteCoverage.record(main.getCamelContext());
            }
            main.stop();
            main = null;
        }
    }

    public static int freePort() {
        return SideBySideSettings.freePort();
    }
}
