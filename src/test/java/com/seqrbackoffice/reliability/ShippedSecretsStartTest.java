package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.PostgresTestDatabase;
import com.seqrbackoffice.testing.RunningApp;
import com.seqrbackoffice.testing.TestSecrets;

/**
 * The app on PostgreSQL, the production shape: it refuses to start while any one of the shipped secrets is still
 * set, naming that setting, and starts once each is replaced.
 */
class ShippedSecretsStartTest {

    /** Each secret with the value the repository ships. */
    private static final Map<String, String> SHIPPED = new LinkedHashMap<>();

    static {
        SHIPPED.put("broker.password", "seqr-local-only");
        SHIPPED.put("broker.embedded.users", "till-1:till-local-only:till+terminal.till-1");
        SHIPPED.put("ledger.password", "");
        SHIPPED.put("seqr.reseller.password", "1234");
        SHIPPED.put("terminals.password-key", "");
        // the fallback of an earlier docker-compose.yml
        SHIPPED.put("backoffice.http.password", "seqr-local-only");
    }

    private static PostgresTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void eachShippedSecretAloneStopsTheStartAndTheAppStartsOnceAllAreReplaced() {
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, String> shipped : SHIPPED.entrySet()) {
            Properties settings = productionSettings();
            settings.setProperty(shipped.getKey(), shipped.getValue());

            assertThatThrownBy(() -> RunningApp.start(settings).close()).as("start with the shipped " + shipped.getKey())
                    .rootCause().hasMessageContaining("Refusing to start with shipped secrets")
                    .hasMessageContaining("(an external database)").hasMessageContaining("replace " + shipped.getKey())
                    .satisfies(cause -> assertThat(SHIPPED.keySet()).filteredOn(key -> !key.equals(shipped.getKey()))
                            .noneSatisfy(other -> assertThat(cause.getMessage()).contains(other)));
            refused.add(shipped.getKey());
        }

        try (RunningApp app = RunningApp.start(productionSettings())) {
            assertThat(app.context().getStatus()).isEqualTo(ServiceStatus.Started);
        }
        System.out.printf("shipped secrets: the app on PostgreSQL refused to start with each of %d shipped values (%s),"
                + " naming it alone, and started with all replaced%n", refused.size(), String.join(", ", refused));
    }

    private static Properties productionSettings() {
        Properties settings = RunningApp.isolatedSettings();
        settings.putAll(TestSecrets.appSettings(AppProcess.newPasswordKey()));
        settings.putAll(database.ledgerSettings());
        return settings;
    }
}
