package com.seqrbackoffice.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * The comment lines right above each setting, joined: its one-line meaning where the file gives one (a
     * blank line or a "# ---" section heading ends a comment; settings without one are absent).
     */
    public static Map<String, String> comments() {
        Map<String, String> comments = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(PATH, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("# ---")) {
                    pending.clear();
                } else if (trimmed.startsWith("#")) {
                    pending.add(trimmed.substring(1).trim());
                } else if (trimmed.contains("=")) {
                    if (!pending.isEmpty()) {
                        comments.put(trimmed.substring(0, trimmed.indexOf('=')).trim(), String.join(" ", pending));
                    }
                    pending.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PATH.toAbsolutePath(), e);
        }
        return comments;
    }

    /** The environment variable that overrides a setting: {@code broker.max-consumers} → {@code BROKER_MAX_CONSUMERS}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
