package com.seqrbackoffice.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.PostgresTestDatabase;

/** Every ```sql query of docs/ledger.md runs as written on a migrated ledger, on H2 and on PostgreSQL. */
class LedgerQueriesDocTest {

    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyDocumentedQueryRunsOnH2() throws Exception {
        String url = "jdbc:h2:mem:ledger-doc-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        LedgerDatabase ledger = new LedgerDatabase(url, "sa", "", 2);
        try {
            ledger.migrate();
            runAll(ledger);
        } finally {
            ledger.close();
        }
    }

    @Test
    void everyDocumentedQueryRunsOnPostgres() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            LedgerDatabase ledger = new LedgerDatabase(database.url(), database.user(), database.password(), 2);
            try {
                ledger.migrate();
                runAll(ledger);
            } finally {
                ledger.close();
            }
        }
    }

    private static void runAll(LedgerDatabase ledger) throws IOException, SQLException {
        List<String> queries = documentedQueries();
        assertThat(queries).as("sql blocks in docs/ledger.md").hasSizeGreaterThanOrEqualTo(4);
        try (Connection connection = ledger.dataSource().getConnection()) {
            for (String query : queries) {
                assertThatCode(() -> {
                    try (Statement statement = connection.createStatement();
                         ResultSet result = statement.executeQuery(query.strip().replaceAll(";$", ""))) {
                        while (result.next()) {
                            // the ledger is empty: running is what is checked
                        }
                    }
                }).as("query of docs/ledger.md:%n%s", query).doesNotThrowAnyException();
            }
        }
    }

    private static List<String> documentedQueries() throws IOException {
        String doc = Files.readString(Path.of("docs/ledger.md"), StandardCharsets.UTF_8);
        List<String> queries = new ArrayList<>();
        Matcher matcher = SQL_BLOCK.matcher(doc);
        while (matcher.find()) {
            queries.add(matcher.group(1));
        }
        return queries;
    }
}
