package com.seqrbackoffice.seqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from config/application.properties, overridden as Camel does (environment, then -D, then file). */
class EmulatorSettingsTest {

    @TempDir
    Path configDir;

    @Test
    void theProjectsOwnSettingsFileGivesSeqrsDocumentedTimings() throws Exception {
        Properties file = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            file.load(in);
        }

        EmulatorSettings settings = EmulatorSettings.from(file);

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.reversalPeriod()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.allowOverCommit()).isFalse();
        assertThat(settings.allResellers()).contains(EmulatorSettings.PUBLIC_TEST_SHOP);
        assertThat(settings.allTerminals()).contains(EmulatorSettings.PUBLIC_TEST_TERMINAL);
    }

    @Test
    void environmentOverridesSystemPropertyWhichOverridesTheFile() throws Exception {
        Files.writeString(configDir.resolve("application.properties"),
                "seqr.emulator.port=8089\nseqr.emulator.reversal-seconds=20\nseqr.emulator.report-delay-ms=3000\n");
        Properties system = new Properties();
        system.setProperty("app.config-dir", configDir.toString());
        system.setProperty("seqr.emulator.port", "9001");
        system.setProperty("seqr.emulator.reversal-seconds", "5");

        Function<String, String> lookup = EmulatorMain.settingsLookup(Map.of("SEQR_EMULATOR_PORT", "9002"), system);
        EmulatorSettings settings = EmulatorSettings.from(lookup);

        assertThat(settings.port()).isEqualTo(9002);
        assertThat(settings.reversalPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.reportDelay()).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void profileFileOverridesTheMainFile() throws Exception {
        Files.writeString(configDir.resolve("application.properties"), "app.profile=ci\nseqr.emulator.port=8089\n");
        Files.writeString(configDir.resolve("application-ci.properties"), "seqr.emulator.port=0\n");

        Function<String, String> lookup = EmulatorMain.settingsLookup(
                Map.of("APP_CONFIG_DIR", configDir.toString()), new Properties());

        assertThat(EmulatorSettings.from(lookup).port()).isZero();
    }

    @Test
    void extraAccountsAndFaultsComeFromSettings() {
        Map<String, String> keys = Map.of(
                "seqr.emulator.resellers", "other_shop/1:pw-1",
                "seqr.emulator.terminals", "till-a:secret-a, till-b:secret-b@other_shop",
                "seqr.emulator.faults", "[{\"operation\":\"commitReservation\",\"latencyMillis\":200}]");

        EmulatorSettings settings = EmulatorSettings.from(keys::get);

        assertThat(settings.resellers()).containsExactly(new EmulatorSettings.Reseller("other_shop", "1", "pw-1"));
        assertThat(settings.terminals()).containsExactly(
                new EmulatorSettings.TerminalAccount("till-a", "secret-a", "public_test_shop"),
                new EmulatorSettings.TerminalAccount("till-b", "secret-b", "other_shop"));
        assertThat(settings.faults()).containsExactly(FaultSpec.latency("commitReservation", 200));
    }

    @Test
    void latencyOfEveryCallComesFromSettingsAndIsNoneByDefault() {
        assertThat(EmulatorSettings.from(Map.of("seqr.emulator.latency-ms", "300")::get).latency())
                .isEqualTo(Duration.ofMillis(300));
        assertThat(EmulatorSettings.from(Map.<String, String>of()::get).latency()).isZero();
    }

    @Test
    void accountsNeverShowTheirPasswordsInText() {
        EmulatorSettings settings = EmulatorSettings.defaults();

        assertThat(settings.toString()).doesNotContain("12345678").doesNotContain(":1234");
    }

    @Test
    void configuredTerminalCanSendInvoices() {
        EmulatorSettings settings = EmulatorSettings.from(Map.of("seqr.emulator.terminals", "till-a:secret-a")::get);
        InProcessSeqr seqr = new InProcessSeqr(settings);

        String reference = seqr.issue(InProcessSeqr.terminal("till-a", "secret-a"), InProcessSeqr.preliminary("5"));

        assertThat(seqr.view(reference).terminal()).isEqualTo("till-a");
    }

    @Test
    void faultsFromSettingsAreInForceFromTheStart() {
        EmulatorSettings settings = EmulatorSettings.from(Map.of(
                "seqr.emulator.faults", "[{\"operation\":\"getPaymentStatus\",\"resultCode\":93}]")::get);

        assertThat(new SeqrEmulator(settings).faults()).containsExactly(
                FaultSpec.resultCode("getPaymentStatus", 93, null));
    }

    @Test
    void malformedSettingsAreRefusedAtStart() {
        assertThatThrownBy(() -> EmulatorSettings.from(Map.of("seqr.emulator.faults", "{oops")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seqr.emulator.faults");
        assertThatThrownBy(() -> EmulatorSettings.from(Map.of("seqr.emulator.resellers", "nouser")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seqr.emulator.resellers");
    }
}
