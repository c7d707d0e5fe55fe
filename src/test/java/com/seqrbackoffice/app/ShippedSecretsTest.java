package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.ConfigFile;
import com.seqrbackoffice.testing.TestSecrets;

/** The rule on the shipped config/application.properties with a production setup's overrides. */
class ShippedSecretsTest {

    private static final String POSTGRES = "jdbc:postgresql://db.example.internal:5432/seqr";
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void theEmbeddedDefaultsAreNoProductionSetupAndStartWithTheShippedValues() {
        Settings shipped = settings(Map.of());

        assertThat(ShippedSecrets.productionReasons(shipped)).isEmpty();
        assertThatCode(() -> ShippedSecrets.refuseInProduction(shipped)).doesNotThrowAnyException();
    }

    @Test
    void anExternalDatabaseRefusesEveryShippedSecretInOneMessage() {
        Settings settings = settings(Map.of("ledger.url", POSTGRES));

        assertThat(ShippedSecrets.offending(settings)).containsExactly("broker.password",
                "broker.embedded.users (user till-1)", "broker.embedded.users (user orders)",
                "broker.embedded.users (user backoffice)", "ledger.password", "seqr.reseller.password",
                "terminals.password-key (not set: every instance that shares the ledger needs the same key)");
        assertThatThrownBy(() -> ShippedSecrets.refuseInProduction(settings)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(an external database)").hasMessageContaining("replace broker.password, ")
                .hasMessageNotContaining("seqr-local-only").hasMessageNotContaining("1234");
    }

    @Test
    void anExternalBrokerRefusesItsPasswordAndTheResellersButNotTheEmbeddedLedgersOnes() {
        Settings settings = settings(Map.of("broker.embedded", "false"));

        assertThat(ShippedSecrets.productionReasons(settings)).containsExactly("an external broker");
        assertThat(ShippedSecrets.offending(settings)).containsExactly("broker.password", "seqr.reseller.password");
    }

    @Test
    void theProductionProfileIsAProductionSetupOnTheEmbeddedParts() {
        Settings settings = settings(Map.of("app.profile", "production"));

        assertThat(ShippedSecrets.productionReasons(settings)).containsExactly("the production profile");
        assertThatThrownBy(() -> ShippedSecrets.refuseInProduction(settings)).hasMessageContaining("broker.password");
    }

    @Test
    void theFallbacksOfAnEarlierComposeFileAreRefused() {
        Map<String, String> overrides = new HashMap<>(replaced());
        overrides.put("terminals.password-key", "bG9jYWwtb25seS1rZXkhIQ==");
        overrides.put("ledger.password", "seqr-local-only");
        overrides.put("backoffice.http.password", "seqr-local-only");

        assertThat(ShippedSecrets.offending(settings(overrides)))
                .containsExactly("ledger.password", "terminals.password-key", "backoffice.http.password");
    }

    @Test
    void aProductionSetupStartsOnceEverySecretIsReplaced() {
        Settings settings = settings(replaced());

        assertThat(ShippedSecrets.productionReasons(settings)).containsExactly("an external database");
        assertThat(ShippedSecrets.offending(settings)).isEmpty();
        assertThatCode(() -> ShippedSecrets.refuseInProduction(settings)).doesNotThrowAnyException();
    }

    private static Map<String, String> replaced() {
        Map<String, String> overrides = new HashMap<>(TestSecrets.appSettings(KEY));
        overrides.put("ledger.url", POSTGRES);
        overrides.put("ledger.password", "ledger-secret");
        return overrides;
    }

    private static Settings settings(Map<String, String> overrides) {
        Properties file = ConfigFile.load();
        return new Settings(key -> Optional.ofNullable(overrides.getOrDefault(key, file.getProperty(key))));
    }
}
