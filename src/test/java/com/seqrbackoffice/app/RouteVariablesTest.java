package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What passes between routes is the body or the variables a route's description names (docs/routes.md): no route
 * sets an exchange property, and the routes and their SQL files read none but Camel's own (CamelFailureRouteId).
 */
class RouteVariablesTest {

    private static final Pattern SETS_PROPERTY = Pattern.compile("^\\s*- (set|remove)Propert(y|ies):");
    private static final Pattern READS_PROPERTY = Pattern.compile("exchangeProperty(?:As\\(|\\.|\\[)\\s*'?(\\w+)");

    static Stream<Path> routeAndSqlFiles() throws IOException {
        try (Stream<Path> sql = Files.walk(Path.of("src/main/resources/sql"))) {
            List<Path> statements = sql.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
            assertThat(statements).isNotEmpty();
            return Stream.concat(RouteSchemaTest.routeFiles(), statements.stream());
        }
    }

    @ParameterizedTest
    @MethodSource("routeAndSqlFiles")
    void stateBetweenStepsIsInVariablesNotExchangeProperties(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            assertThat(SETS_PROPERTY.matcher(line).find()).as("%s:%d sets an exchange property: %s", file, number, line)
                    .isFalse();
            Matcher read = READS_PROPERTY.matcher(line);
            while (read.find()) {
                assertThat(read.group(1)).as("%s:%d reads an exchange property: %s", file, number, line)
                        .startsWith("Camel");
            }
        }
    }
}
