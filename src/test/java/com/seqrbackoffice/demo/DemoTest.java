package com.seqrbackoffice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.ledger.LedgerDatabase;

/** The demo's ledger totals, read from a migrated H2 ledger with two payments' entries. */
class DemoTest {

    @Test
    void ledgerTotalsSumEachEntryTypeInTheOrderOfTheirNames() throws SQLException {
        try (LedgerDatabase ledger = new LedgerDatabase("jdbc:h2:mem:demo-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "", 2)) {
            ledger.migrate();
            try (Connection connection = ledger.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("insert into terminals (terminal_id, name, status, registered_at, updated_at)"
                        + " values ('till-1', 'Till 1', 'REGISTERED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                for (String order : new String[] {"order-1", "order-2"}) {
                    statement.execute("insert into payments (order_id, request_message_id, terminal_id, status, currency,"
                            + " reserved_amount, commit_timeout_seconds, confirm_deadline, commit_deadline, created_at,"
                            + " updated_at) values ('" + order + "', 'm-" + order + "', 'till-1', 'RESERVED', 'SEK', 50,"
                            + " 600, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                }
                entry(statement, "order-1", "RESERVATION", "50.00");
                entry(statement, "order-1", "CAPTURE", "42.00");
                entry(statement, "order-2", "RESERVATION", "20.00");
            }

            Map<String, BigDecimal> totals = Demo.ledgerTotals(ledger.dataSource());

            assertThat(totals.keySet()).containsExactly("CAPTURE", "RESERVATION");
            assertThat(totals.get("CAPTURE")).isEqualByComparingTo("42.00");
            assertThat(totals.get("RESERVATION")).isEqualByComparingTo("70.00");
        }
    }

    private static void entry(Statement statement, String order, String type, String amount) throws SQLException {
        statement.execute("insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,"
                + " recorded_at) values ('" + order + ":" + type + "', '" + order + "', 'till-1', '" + type + "', "
                + amount + ", 'SEK', CURRENT_TIMESTAMP)");
    }
}
