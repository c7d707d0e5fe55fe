package com.seqrbackoffice.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 9.4 on H2: drops V1's check of {@code ledger_entries.entry_type}, so that V9_5 can add the correcting
 * entry types. V1 declared it inline, and H2 named it itself ({@code CONSTRAINT_<n>}), so its name is looked up;
 * PostgreSQL's is known ({@code V9_4__drop_entry_type_check.sql}).
 */
final class H2EntryTypeCheck implements JavaMigration {

    private static final String FIND = """
            select tc.constraint_name
            from information_schema.table_constraints tc
            join information_schema.check_constraints cc
              on cc.constraint_schema = tc.constraint_schema and cc.constraint_name = tc.constraint_name
            where tc.table_name = 'ledger_entries' and tc.constraint_type = 'CHECK'
              and lower(cc.check_clause) like '%entry_type%'""";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("9.4");
    }

    @Override
    public String getDescription() {
        return "drop entry type check";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        String name;
        try (PreparedStatement find = connection.prepareStatement(FIND); ResultSet result = find.executeQuery()) {
            if (!result.next()) {
                throw new IllegalStateException("ledger_entries has no check of entry_type to replace");
            }
            name = result.getString(1);
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("alter table ledger_entries drop constraint \"" + name.replace("\"", "\"\"") + "\"");
        }
    }
}
