package com.seqrbackoffice.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty schema on the PostgreSQL server named by {@code TEST_POSTGRES_URL}, {@code TEST_POSTGRES_USER}
 * and {@code TEST_POSTGRES_PASSWORD} (set by {@code .ci/run}). Each instance has its own schema, so tests and
 * runs never see each other's rows; {@link #close()} drops it.
 * <p>
 * Without {@code TEST_POSTGRES_URL} the calling test is skipped with a printed reason, except in CI
 * ({@code CI=true}) where it fails: CI must never pass by skipping the PostgreSQL half of a test.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    public static final String URL_VARIABLE = "TEST_POSTGRES_URL";
    public static final String USER_VARIABLE = "TEST_POSTGRES_USER";
    public static final String PASSWORD_VARIABLE = "TEST_POSTGRES_PASSWORD";

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String schema;

    private PostgresTestDatabase(String serverUrl, String user, String password, String schema) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** Creates a new schema, or skips/fails the calling test when no PostgreSQL is configured. */
    public static PostgresTestDatabase create() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String reason = "No PostgreSQL for tests: set " + URL_VARIABLE + ", " + USER_VARIABLE + " and "
                    + PASSWORD_VARIABLE + " (bash .ci/run does)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + "; in CI this is a failure, not a skip");
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        PostgresTestDatabase database = new PostgresTestDatabase(url,
                System.getenv().getOrDefault(USER_VARIABLE, ""), System.getenv().getOrDefault(PASSWORD_VARIABLE, ""), schema);
        database.execute("CREATE SCHEMA " + schema);
        return database;
    }

    /** A JDBC URL whose connections work in this schema only (it is their search path). */
    public String url() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String schema() {
        return schema;
    }

    /** The app's ledger settings pointing at this schema, e.g. as overrides for {@link RunningApp#start}. */
    public Properties ledgerSettings() {
        Properties settings = new Properties();
        settings.setProperty("ledger.url", url());
        settings.setProperty("ledger.user", user);
        settings.setProperty("ledger.password", password);
        return settings;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /** Drops the schema and all it holds; close the pools that use it first. */
    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl + " as " + user + ": " + sql + " failed", e);
        }
    }
}
