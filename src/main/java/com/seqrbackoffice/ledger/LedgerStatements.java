package com.seqrbackoffice.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL files under {@code src/main/resources/sql/} as Java runs them: the routes load the same files with
 * camel-sql ({@code sql:classpath:sql/...}), so a statement is written once whoever runs it. A file's named
 * parameters ({@code :#name}, camel-sql's form) become JDBC {@code ?} in the order they appear; the caller gives
 * the values by name. A {@code :#${...}} parameter is a Camel simple expression that only a route can evaluate,
 * so a file that Java loads must not have one.
 */
public final class LedgerStatements {

    private LedgerStatements() {
    }

    /** One statement: its JDBC text and the names of its parameters, one per {@code ?}, in order. */
    public record Statement(String resource, String sql, List<String> parameters) {

        public Statement {
            parameters = List.copyOf(parameters);
        }

        /**
         * The JDBC arguments, one per {@code ?}, from alternating names and values ({@code "orderId", id, ...});
         * a name used twice in the statement takes the one value. Refuses a name the statement has not, or a
         * parameter left without a value: a typo would otherwise bind null.
         */
        public Object[] arguments(Object... namesAndValues) {
            if (namesAndValues.length % 2 != 0) {
                throw new IllegalArgumentException(resource + ": names and values do not pair up");
            }
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                String name = (String) namesAndValues[i];
                if (!parameters.contains(name)) {
                    throw new IllegalArgumentException(resource + " has no parameter " + name + " (it has " + parameters + ")");
                }
                values.put(name, namesAndValues[i + 1]);
            }
            Object[] arguments = new Object[parameters.size()];
            for (int i = 0; i < arguments.length; i++) {
                String name = parameters.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException(resource + ": no value for parameter " + name);
                }
                arguments[i] = values.get(name);
            }
            return arguments;
        }

        /** The statement prepared on the connection with its values bound (see {@link #arguments}). */
        public PreparedStatement prepare(Connection connection, Object... namesAndValues) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            try {
                bind(statement, arguments(namesAndValues));
            } catch (SQLException | RuntimeException e) {
                statement.close();
                throw e;
            }
            return statement;
        }
    }

    /** Binds JDBC arguments in order, with the setter of each value's type and an untyped null. */
    public static void bind(PreparedStatement statement, Object... arguments) throws SQLException {
        for (int i = 0; i < arguments.length; i++) {
            Object value = arguments[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof String text) {
                statement.setString(i + 1, text);
            } else if (value instanceof BigDecimal decimal) {
                statement.setBigDecimal(i + 1, decimal);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(i + 1, flag);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /** The statement in a classpath resource, e.g. {@code sql/reconciliation/candidate-entries.sql}. */
    public static Statement load(String resource) {
        try (InputStream in = LedgerStatements.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No SQL file " + resource + " on the classpath");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** The statement of a file's text: {@code --} comments dropped, {@code :#name} turned into {@code ?}. */
    static Statement parse(String resource, String text) {
        StringBuilder sql = new StringBuilder();
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException(resource + ": a string literal is not closed");
                }
                sql.append(text, i, end + 1);
                i = end + 1;
            } else if (text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith(":#", i)) {
                int end = i + 2;
                while (end < text.length() && isNameChar(text.charAt(end), end == i + 2)) {
                    end++;
                }
                if (end == i + 2) {
                    throw new IllegalArgumentException(resource + ": a parameter at offset " + i
                            + " is not a plain :#name (a :#${...} expression is for routes only)");
                }
                names.add(text.substring(i + 2, end));
                sql.append('?');
                i = end;
            } else {
                sql.append(c);
                i++;
            }
        }
        return new Statement(resource, sql.toString().strip(), names);
    }

    private static boolean isNameChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || (!first && Character.isDigit(c));
    }
}
