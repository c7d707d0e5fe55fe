package com.seqrbackoffice.seqr.emulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the SEQR emulator alone, so that tests can kill the application and keep SEQR's state:
 * {@code java -cp target/seqr-backoffice.jar:target/lib/* com.seqrbackoffice.seqr.emulator.EmulatorMain}.
 *
 * <p>Settings come from {@code <config dir>/application.properties} (and {@code application-<app.profile>.properties}
 * when app.profile is set); the config dir is {@code config} unless -Dapp.config-dir or APP_CONFIG_DIR says otherwise.
 * As in Camel, an environment variable (SEQR_EMULATOR_PORT) overrides a -D system property (seqr.emulator.port),
 * which overrides the file. Stops on SIGTERM.
 */
public final class EmulatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorMain.class);

    private EmulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Function<String, String> settings = settingsLookup(System.getenv(), System.getProperties());
        SeqrEmulator emulator = SeqrEmulator.fromProperties(settings).start();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            done.countDown();
        }, "seqr-emulator-shutdown"));
        LOG.info("SEQR emulator ready on port {}: {}", emulator.port(), emulator.soapUrl());
        done.await();
    }

    /** The lookup the emulator reads its settings through: environment, then system properties, then files. */
    public static Function<String, String> settingsLookup(Map<String, String> environment, Properties system)
            throws IOException {
        Function<String, String> overrides = key -> {
            String fromEnvironment = environment.get(environmentName(key));
            return fromEnvironment != null ? fromEnvironment : system.getProperty(key);
        };
        String configDir = or(overrides.apply("app.config-dir"), "config");
        Properties file = new Properties();
        load(file, Path.of(configDir, "application.properties"), true);
        String profile = or(overrides.apply("app.profile"), file.getProperty("app.profile", ""));
        if (!profile.isBlank()) {
            load(file, Path.of(configDir, "application-" + profile.trim() + ".properties"), false);
        }
        return key -> {
            String value = overrides.apply(key);
            return value != null ? value : file.getProperty(key);
        };
    }

    /** seqr.emulator.port becomes SEQR_EMULATOR_PORT. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void load(Properties into, Path path, boolean required) throws IOException {
        if (!Files.exists(path)) {
            if (required) {
                throw new IOException("No settings file " + path.toAbsolutePath()
                        + " (set -Dapp.config-dir or APP_CONFIG_DIR)");
            }
            return;
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            into.load(reader);
        }
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
