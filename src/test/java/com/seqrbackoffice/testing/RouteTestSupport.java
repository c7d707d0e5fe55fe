package com.seqrbackoffice.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterEach;

import com.seqrbackoffice.app.BackofficeConfiguration;
import com.seqrbackoffice.seqr.emulator.SeqrEmulator;

/**
 * Route-level tests on Camel's own test support: the real routes/ and config/ loaded as Camel Main loads them, for
 * each test, on a data folder and ports of its own, with the flow tests' timings (a context per class would be
 * Camel's deprecated per-class manager, which stops its contexts only when the test JVM ends). A test class gives
 * its own settings in {@link #settings()}, replaces a step with AdviceWith in {@link #adviseRoutes()} (the context
 * starts after it) and waits for routes with NotifyBuilder.
 *
 * <p>{@code @CamelMainTest} takes its settings as constants; the ports and data folder here are free ones chosen at
 * run time, which {@link CamelMainTestSupport} (the same module) lets a test give as override properties.
 */
public abstract class RouteTestSupport extends CamelMainTestSupport {

    private final Properties settings = testSettings();

    /** Settings of the test class on top of the flow tests' ones. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    /** Replaces steps of the loaded routes (AdviceWith) before the context starts; none by default. */
    protected void adviseRoutes() throws Exception {
    }

    @Override
    public void configureTest(TestExecutionConfiguration testExecutionConfiguration) {
        super.configureTest(testExecutionConfiguration);
        // JMX for the route coverage report (RouteCoverage); the routes come from routes/, not from a RouteBuilder
        testExecutionConfiguration.withEnableJMX().withUseAdviceWith(true).withUseRouteBuilder(false);
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new BackofficeConfiguration());
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:" + ConfigFile.PATH;
    }

    @Override
    protected void doPreSetup() throws Exception {
        settings.putAll(settings());
        camelContextConfiguration().withUseOverridePropertiesWithPropertiesComponent(settings);
    }

    @Override
    protected void doPostSetup() throws Exception {
        if (!context().isStarted()) {
            adviseRoutes();
            context().start();
        }
    }

    /** Runs before Camel's extension stops the context. */
    @AfterEach
    void recordRouteCoverage() {
        RouteCoverage.record(context());
    }

    /** The test app's setting, as the routes see it. */
    protected String setting(String key) {
        return context().getPropertiesComponent().resolveProperty(key).orElseThrow();
    }

    protected String queue(String name) {
        return setting("queue." + name);
    }

    protected SeqrEmulator emulator() {
        return context().getRegistry().lookupByNameAndType("seqrEmulator", SeqrEmulator.class);
    }

    protected List<Map<String, Object>> rows(String sql, Object... parameters) {
        DataSource ledger = context().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        return new LedgerRows(ledger::getConnection).query(sql, parameters);
    }

    /** The first message on a queue that matches a JMS selector, or null after {@code timeout}. */
    protected Exchange receive(String queue, String selector, Duration timeout) {
        return consumer().receive("jms:queue:" + queue + "?selector=RAW(" + selector + ")", timeout.toMillis());
    }

    /** The flow tests' settings (FlowTestSupport): polls every 200 ms, quick redeliveries, no auto-confirm. */
    private static Properties testSettings() {
        Properties settings = RunningApp.isolatedSettings();
        settings.setProperty("seqr.emulator.auto-confirm", "false");
        settings.setProperty("seqr.poll.interval-ms", "200");
        settings.setProperty("broker.redelivery-delay-ms", "100");
        settings.setProperty("broker.max-redelivery-delay-ms", "1000");
        return settings;
    }
}
