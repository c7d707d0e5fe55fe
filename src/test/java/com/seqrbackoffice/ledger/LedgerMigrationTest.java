package com.seqrbackoffice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.seqrbackoffice.testing.ConfigFile;
import com.seqrbackoffice.testing.PostgresTestDatabase;

/**
 * The Flyway migrations give H2 (the embedded default, in the mode config/application.properties sets) and
 * PostgreSQL (production) the same ledger, and keep ledger entries append-only on both.
 */
class LedgerMigrationTest {

    @TempDir
    Path dataDir;

    @Test
    void h2AndPostgresqlMigrateToTheSameSchema() throws Exception {
        List<String> h2Schema;
        try (LedgerDatabase h2 = h2Ledger()) {
            h2.migrate();
            h2Schema = describeSchema(h2, "public");
        }
        List<String> postgresqlSchema;
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create()) {
            try (LedgerDatabase ledger = postgresLedger(postgres)) {
                ledger.migrate();
                postgresqlSchema = describeSchema(ledger, postgres.schema());
            }
        }

        assertThat(h2Schema).contains(
                "ledger_entries.amount decimal(19,4) NOT NULL",
                "ledger_entries PRIMARY KEY (id)",
                "ledger_entries UNIQUE (entry_key)",
                "camel_messageprocessed UNIQUE (processorname, messageid)",
                "qrtz_triggers PRIMARY KEY (sched_name, trigger_name, trigger_group)");
        assertThat(postgresqlSchema).containsExactlyElementsOf(h2Schema);
    }

    @Test
    void secondMigrationOfH2RunsNothing() {
        try (LedgerDatabase first = h2Ledger()) {
            assertThat(first.migrate()).isPositive();
        }
        try (LedgerDatabase second = h2Ledger()) {
            assertThat(second.migrate()).isZero();
        }
    }

    @Test
    void secondMigrationOfPostgresqlRunsNothing() {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create()) {
            try (LedgerDatabase first = postgresLedger(postgres)) {
                assertThat(first.migrate()).isPositive();
            }
            try (LedgerDatabase second = postgresLedger(postgres)) {
                assertThat(second.migrate()).isZero();
            }
        }
    }

    /** Also: only the known entry types, correcting entries among them, and a discrepancy's history append-only. */
    @Test
    void ledgerEntriesOnH2CannotBeUpdatedOrDeleted() throws SQLException {
        try (LedgerDatabase h2 = h2Ledger()) {
            h2.migrate();
            assertAppendOnly(h2);
        }
    }

    @Test
    void ledgerEntriesOnPostgresqlCannotBeUpdatedOrDeleted() throws SQLException {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create()) {
            try (LedgerDatabase ledger = postgresLedger(postgres)) {
                ledger.migrate();
                assertAppendOnly(ledger);
            }
        }
    }

    private static void assertAppendOnly(LedgerDatabase ledger) throws SQLException {
        try (Connection connection = ledger.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO terminals (terminal_id, name, status, registered_at, updated_at)"
                    + " VALUES ('till-1', 'Till 1', 'REGISTERED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            statement.executeUpdate("INSERT INTO payments (order_id, request_message_id, terminal_id, status, currency,"
                    + " reserved_amount, commit_timeout_seconds, confirm_deadline, commit_deadline, created_at, updated_at)"
                    + " VALUES ('order-1', 'msg-1', 'till-1', 'RESERVED', 'SEK', 100.0000, 3600,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            insertEntry(statement, "order-1/RESERVATION", "RESERVATION", "100.0000");

            assertThatThrownBy(() -> statement.executeUpdate(
                    "UPDATE ledger_entries SET amount = 1 WHERE entry_key = 'order-1/RESERVATION'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate(
                    "DELETE FROM ledger_entries WHERE entry_key = 'order-1/RESERVATION'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");

            // a correction is a new entry, which the guard lets through
            insertEntry(statement, "order-1/RELEASE", "RELEASE", "100.0000");
            insertEntry(statement, "order-1/CORRECTION", "CORRECTION_OUT", "1.0000");
            assertThatThrownBy(() -> insertEntry(statement, "order-1/BONUS", "BONUS", "1.0000"))
                    .isInstanceOf(SQLException.class);
            try (ResultSet rows = statement.executeQuery(
                    "SELECT entry_key, amount FROM ledger_entries ORDER BY id")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("order-1/RESERVATION");
                assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("100");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("order-1/RELEASE");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("order-1/CORRECTION");
                assertThat(rows.next()).isFalse();
            }

            // who changed a discrepancy and why is kept as it was written
            statement.executeUpdate("INSERT INTO transaction_periods (transaction_period_id, period_key, scope, status,"
                    + " marked_at) VALUES ('p-1', 'SHOP:1', 'SHOP', 'RECONCILED', CURRENT_TIMESTAMP)");
            statement.executeUpdate("INSERT INTO reconciliation_results (transaction_period_id, outcome, seqr_count,"
                    + " seqr_total, ledger_count, ledger_total, discrepancy_count, reconciled_at)"
                    + " VALUES ('p-1', 'DISCREPANCIES', 0, 0, 1, 100, 1, CURRENT_TIMESTAMP)");
            statement.executeUpdate("INSERT INTO reconciliation_discrepancies (result_id, transaction_period_id, kind,"
                    + " order_id, detected_at) SELECT id, 'p-1', 'MISSING_AT_SEQR', 'order-1', CURRENT_TIMESTAMP"
                    + " FROM reconciliation_results");
            statement.executeUpdate("INSERT INTO discrepancy_history (discrepancy_id, status, changed_by, reason,"
                    + " recorded_at) SELECT id, 'EXPLAINED', 'anna', 'timing', CURRENT_TIMESTAMP"
                    + " FROM reconciliation_discrepancies");
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE discrepancy_history SET changed_by = 'bob'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM discrepancy_history"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    private static void insertEntry(Statement statement, String key, String type, String amount) throws SQLException {
        statement.executeUpdate("INSERT INTO ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,"
                + " recorded_at) VALUES ('" + key + "', 'order-1', 'till-1', '" + type + "', " + amount + ", 'SEK',"
                + " CURRENT_TIMESTAMP)");
    }

    /** The ledger on H2 with the URL of config/application.properties, its data folder moved to a temp dir. */
    private LedgerDatabase h2Ledger() {
        Properties config = ConfigFile.load();
        String url = config.getProperty("ledger.url").replace("{{app.data-dir}}", dataDir.toString());
        assertThat(url).startsWith("jdbc:h2:file:").contains("MODE=PostgreSQL");
        return new LedgerDatabase(url, config.getProperty("ledger.user"), config.getProperty("ledger.password"), 2);
    }

    private static LedgerDatabase postgresLedger(PostgresTestDatabase postgres) {
        return new LedgerDatabase(postgres.url(), postgres.user(), postgres.password(), 2);
    }

    /**
     * One line per column (normalised type, NOT NULL), primary key and unique constraint of every table in
     * the schema except Flyway's own, sorted, so that two databases' descriptions compare line by line.
     */
    private static List<String> describeSchema(LedgerDatabase ledger, String schema) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = ledger.dataSource().getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            for (String table : tables(metaData, schema)) {
                try (ResultSet columns = metaData.getColumns(null, schema, table, null)) {
                    while (columns.next()) {
                        lines.add(table + "." + columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                                + normalisedType(columns)
                                + ("NO".equals(columns.getString("IS_NULLABLE")) ? " NOT NULL" : ""));
                    }
                }
                Map<Short, String> primaryKey = new TreeMap<>();
                try (ResultSet keys = metaData.getPrimaryKeys(null, schema, table)) {
                    while (keys.next()) {
                        primaryKey.put(keys.getShort("KEY_SEQ"), keys.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                if (!primaryKey.isEmpty()) {
                    lines.add(table + " PRIMARY KEY (" + String.join(", ", primaryKey.values()) + ")");
                }
                // constraint and index names differ between databases: a unique index is its column list
                Map<String, Map<Short, String>> uniqueIndexes = new TreeMap<>();
                try (ResultSet indexes = metaData.getIndexInfo(null, schema, table, true, false)) {
                    while (indexes.next()) {
                        if (indexes.getString("COLUMN_NAME") != null && !indexes.getBoolean("NON_UNIQUE")) {
                            uniqueIndexes.computeIfAbsent(indexes.getString("INDEX_NAME"), name -> new TreeMap<>())
                                    .put(indexes.getShort("ORDINAL_POSITION"),
                                            indexes.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
                uniqueIndexes.values().stream()
                        .map(columns -> table + " UNIQUE (" + String.join(", ", columns.values()) + ")")
                        .distinct()
                        .forEach(lines::add);
            }
        }
        lines.sort(null);
        return lines;
    }

    private static List<String> tables(DatabaseMetaData metaData, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = metaData.getTables(null, schema, "%", null)) {
            while (rows.next()) {
                String type = rows.getString("TABLE_TYPE");
                String name = rows.getString("TABLE_NAME");
                // H2 2.x reports "BASE TABLE", PostgreSQL "TABLE"
                if (("TABLE".equals(type) || "BASE TABLE".equals(type)) && !name.equalsIgnoreCase("flyway_schema_history")) {
                    tables.add(name);
                }
            }
        }
        assertThat(tables).as("tables in schema %s", schema).isNotEmpty();
        return tables;
    }

    /** One spelling for each SQL type the migrations use, with the size where the type has one. */
    private static String normalisedType(ResultSet column) throws SQLException {
        String type = column.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
        int size = column.getInt("COLUMN_SIZE");
        return switch (type) {
            case "character varying", "varchar" -> "varchar(" + size + ")";
            case "character", "char", "bpchar" -> "char(" + size + ")";
            case "numeric", "decimal" -> "decimal(" + size + "," + column.getInt("DECIMAL_DIGITS") + ")";
            case "timestamp with time zone", "timestamptz" -> "timestamptz";
            case "timestamp", "timestamp without time zone" -> "timestamp";
            case "bigint", "int8", "bigserial" -> "bigint";
            case "integer", "int", "int4", "serial" -> "integer";
            case "smallint", "int2" -> "smallint";
            case "boolean", "bool" -> "boolean";
            case "bytea", "binary varying" -> "bytea";
            // H2 has no unbounded text type but its large object; PostgreSQL's text is one
            case "character large object", "clob", "text" -> "text";
            default -> throw new AssertionError("Column " + column.getString("TABLE_NAME") + "."
                    + column.getString("COLUMN_NAME") + " has type " + type
                    + ", which this comparison does not know yet: add its spellings to normalisedType");
        };
    }
}
