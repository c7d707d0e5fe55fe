package com.seqrbackoffice.app;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed access to the application's settings, whatever resolves them (Camel's properties component in the
 * app, a plain lookup in the standalone emulator). A missing required setting fails with its name.
 */
public final class Settings {

    private final Function<String, Optional<String>> lookup;

    public Settings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public Optional<String> find(String key) {
        return lookup.apply(key).map(String::trim);
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("Missing setting: " + key));
    }

    public String get(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public int getInt(String key) {
        return parse(key, Integer::parseInt);
    }

    public long getLong(String key) {
        return parse(key, Long::parseLong);
    }

    public double getDouble(String key) {
        return parse(key, Double::parseDouble);
    }

    public boolean getBoolean(String key) {
        String value = get(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalStateException("Setting " + key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    public List<String> getList(String key) {
        return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private <T> T parse(String key, Function<String, T> parser) {
        String value = get(key);
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Setting " + key + " has an invalid value '" + value + "'", e);
        }
    }
}
