package com.seqrbackoffice.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Plain JDBC reads of the ledger for process-level tests, which share no bean with the apps they check. */
public final class LedgerRows {

    private final Callable<Connection> connections;

    public LedgerRows(Callable<Connection> connections) {
        this.connections = connections;
    }

    /** Rows as maps from lower-case column label to value. */
    public List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = connections.call(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        Object value = result.getObject(column);
                        // H2's large text is a Clob until read; PostgreSQL's is a String
                        row.put(result.getMetaData().getColumnLabel(column).toLowerCase(),
                                value instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        } catch (Exception e) {
            throw new IllegalStateException("no ledger connection", e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public Object value(String sql, Object... parameters) {
        return query(sql, parameters).get(0).values().iterator().next();
    }
}
