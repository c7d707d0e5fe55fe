package com.seqrbackoffice.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/** The real {@code config/application.properties}, as tests about settings, docs and deployment read it. */
public final class ConfigFile {

    public static final Path PATH = Path.of("config", "application.properties");

    private ConfigFile() {
    }

    public static Properties load() {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(PATH, StandardCharsets.UTF_8)) {
            settings.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PATH.toAbsolutePath(), e);
        }
        return settings;
    }

    /** The environment variable that overrides a setting: {@code broker.max-consumers} → {@code BROKER_MAX_CONSUMERS}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
