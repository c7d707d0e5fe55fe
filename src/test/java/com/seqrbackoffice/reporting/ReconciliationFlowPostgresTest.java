package com.seqrbackoffice.reporting;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.seqrbackoffice.testing.PostgresTestDatabase;

/** The same reporting and reconciliation tests on PostgreSQL, where H2's lenient typing cannot hide errors. */
class ReconciliationFlowPostgresTest extends ReconciliationFlowContract {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void start() {
        database = PostgresTestDatabase.create();
        Map<String, String> settings = new HashMap<>();
        database.ledgerSettings().forEach((key, value) -> settings.put((String) key, (String) value));
        startApp(reportingSettings(settings));
    }

    @AfterAll
    static void dropDatabase() {
        if (till != null) {
            till.close();
            till = null;
        }
        if (app != null) {
            app.close();
            app = null;
        }
        if (database != null) {
            database.close();
        }
    }
}
