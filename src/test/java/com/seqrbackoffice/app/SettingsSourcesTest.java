package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.RunningApp;

/** Settings come from config/application.properties, then the profile's file, then -D, strongest last. */
class SettingsSourcesTest {

    private static final String DEFAULT_TITLE = "payment.default-title";
    private static final String CURRENCIES = "payment.currencies";

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty(CURRENCIES);
    }

    @Test
    void profileFileOverridesTheBaseFileAndSystemPropertiesOverrideBoth() throws IOException {
        Path configDir = Files.createTempDirectory(Path.of("target"), "config-");
        Files.copy(Path.of("config/application.properties"), configDir.resolve("application.properties"));
        Files.writeString(configDir.resolve("application-shop.properties"),
                DEFAULT_TITLE + "=Profile title\n" + CURRENCIES + "=SEK\n");
        System.setProperty(CURRENCIES, "NOK,SEK");

        Properties settings = RunningApp.isolatedSettings();
        settings.setProperty("app.config-dir", configDir.toString());
        settings.setProperty("app.profile", "shop");
        try (RunningApp app = RunningApp.start(settings)) {
            assertThat(app.setting(DEFAULT_TITLE)).isEqualTo("Profile title");
            assertThat(app.setting(CURRENCIES)).isEqualTo("NOK,SEK");
            assertThat(app.setting("payment.commit-reservation-timeout-seconds")).isEqualTo("3600");
        }
    }
}
