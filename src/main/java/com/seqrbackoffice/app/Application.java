package com.seqrbackoffice.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.apache.camel.main.Main;

import com.seqrbackoffice.backoffice.BackofficeCli;
import com.seqrbackoffice.broker.DeadLetters;
import com.seqrbackoffice.demo.AotTraining;
import com.seqrbackoffice.demo.Demo;
import com.seqrbackoffice.seqr.emulator.EmulatorMain;

/**
 * Starts seqr-backoffice: Camel Main with the routes of {@code routes/} and the settings of {@code config/}.
 * The config folder is {@code app.config-dir} (system property) or {@code APP_CONFIG_DIR}, default
 * {@code config}; the profile file {@code application-<profile>.properties} is chosen by {@code app.profile}.
 */
public final class Application {

    /**
     * The JVM options of README's run command, {@code java @config/jvm.options ...}, relative to the project folder:
     * the collector and heap the benchmark measures.
     */
    public static final String JVM_OPTIONS = "@config/jvm.options";

    private static final int DEMO_PAYMENTS = 200;
    private static final int DEMO_TILLS = 20;

    private Application() {
    }

    /** The modes of {@link CommandLine}; a malformed command line is one line on stderr and exit code 2. */
    public static void main(String[] args) throws Exception {
        CommandLine.Command command;
        try {
            command = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            System.err.println(e.getMessage());
            System.exit(CommandLine.USAGE_EXIT_CODE);
            return;
        }
        chooseLogFormat();
        switch (command.mode()) {
            case RUN -> runUntilStopped();
            case HELP -> System.out.print(CommandLine.help());
            case VERSION -> System.out.println(CommandLine.version());
            case VALIDATE_ROUTES -> System.exit(RouteValidation.run(new Properties(), System.out));
            case LIST_ROUTES -> System.exit(RouteValidation.list(new Properties(), System.out));
            // both stop the app when done; without an explicit exit the in-VM connector's idle threads keep the JVM a minute
            case DEMO -> {
                Demo.run(command.count(1, DEMO_PAYMENTS), command.count(2, DEMO_TILLS));
                System.exit(0);
            }
            case AOT_TRAINING -> {
                AotTraining.run();
                System.exit(0);
            }
            case EMULATOR_ONLY -> EmulatorMain.main(new String[0]);
            // against a running app's broker: list the dead letters, or move them back to their queues (docs/operations.md)
            case DEAD_LETTERS, REPLAY_DEAD_LETTERS -> System.exit(DeadLetters.run(command.argsArray(),
                    EmulatorMain.settingsLookup(System.getenv(), System.getProperties()), System.out));
            // against a running app's management port: one payment's JSON, or a search (docs/backoffice.md)
            case PAYMENT, PAYMENTS -> System.exit(BackofficeCli.run(command.argsArray(),
                    EmulatorMain.settingsLookup(System.getenv(), System.getProperties()), System.out));
        }
    }

    private static void runUntilStopped() throws Exception {
        Main main = create(new Properties());
        main.run();
        if (main.getExitCode() != 0) {
            // Main logged why; without an explicit exit a failed start would keep the JVM alive on pool threads
            System.exit(main.getExitCode());
        }
    }

    /** A Camel Main ready to start; {@code overrides} take precedence over every other source of settings. */
    public static Main create(Properties overrides) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        main.setPropertyPlaceholderLocations(placeholderLocations(overrides));
        main.setOverrideProperties(overrides);
        main.configure().addConfiguration(new BackofficeConfiguration());
        main.addMainListener(new Tracing());
        return main;
    }

    /** The settings files, as Camel property locations: the profile's file if one is set, then the base file. */
    static String placeholderLocations(Properties overrides) {
        Path baseFile = baseFile(overrides);
        String locations = "file:" + baseFile;
        Optional<String> profile = firstOf(overrides, "app.profile").or(() -> fileValue(baseFile, "app.profile"))
                .filter(p -> !p.isBlank());
        if (profile.isPresent()) {
            // Camel takes a key from the first location that has it: the profile's file goes first
            locations = "file:" + baseFile.resolveSibling("application-" + profile.get() + ".properties") + ";optional=true,"
                    + locations;
        }
        return locations;
    }

    private static Path baseFile(Properties overrides) {
        Path baseFile = Path.of(firstOf(overrides, "app.config-dir").orElse("config")).resolve("application.properties");
        if (!Files.isRegularFile(baseFile)) {
            throw new IllegalStateException("Settings file not found: " + baseFile.toAbsolutePath()
                    + " (start from the project folder or set APP_CONFIG_DIR)");
        }
        return baseFile;
    }

    /**
     * log4j2.xml picks its layout from the system property log.format; the setting lives in the settings file,
     * which log4j does not read, so it is copied before the first logger exists.
     */
    private static void chooseLogFormat() {
        Properties none = new Properties();
        Optional<String> format = firstOf(none, "log.format");
        Path file = Path.of(firstOf(none, "app.config-dir").orElse("config"), "application.properties");
        if (format.isEmpty() && Files.isRegularFile(file)) {
            format = fileValue(file, "log.format");
        }
        format.ifPresent(value -> System.setProperty("log.format", value));
    }

    /** A setting read before Camel starts: overrides, then -D, then the environment. */
    private static Optional<String> firstOf(Properties overrides, String key) {
        return Optional.ofNullable(overrides.getProperty(key))
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'))));
    }

    private static Optional<String> fileValue(Path file, String key) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
        return Optional.ofNullable(properties.getProperty(key));
    }
}
