package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's {@code --validate-routes} command, run as the jar runs it, on the real routes and on broken copies. */
class RouteValidationTest {

    @TempDir
    Path copy;

    @Test
    void theRealRouteFilesAreValid() {
        Outcome outcome = validate(new Properties());

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("Routes valid");
    }

    @Test
    void anUnknownStepIsReportedWithItsFileAndLine() throws IOException {
        Path file = copyRoutes().resolve("cancel.camel.yaml");
        List<String> lines = Files.readAllLines(file);
        int line = lines.indexOf("        - setVariable:") + 1;
        lines.set(line - 1, "        - setVariablee:");
        Files.write(file, lines);

        Outcome outcome = validate(routesIn(copy));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.output()).contains(file + ":" + line + ": ").contains("setVariablee");
    }

    @Test
    void brokenYamlSyntaxIsReportedWithItsFileAndLine() throws IOException {
        Path file = copyRoutes().resolve("refunds.camel.yaml");
        List<String> lines = Files.readAllLines(file);
        int line = indexOf(lines, "id: refund-payment") + 1;
        lines.set(line - 1, lines.get(line - 1) + ": [");
        Files.write(file, lines);

        Outcome outcome = validate(routesIn(copy));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.output()).contains(file + ":" + line + ": ");
    }

    @Test
    void anUnknownSettingAndAnUnconsumedDirectEndpointAreReportedWithTheirLines() throws IOException {
        Path file = copyRoutes().resolve("payment-start.camel.yaml");
        List<String> lines = Files.readAllLines(file);
        int queueLine = indexOf(lines, "{{queue.payment-requests}}") + 1;
        lines.set(queueLine - 1, lines.get(queueLine - 1).replace("{{queue.payment-requests}}", "{{queue.payment-requestz}}"));
        int directLine = indexOf(lines, "- to: direct:record-issued-payment") + 1;
        lines.set(directLine - 1, lines.get(directLine - 1).replace("direct:record-issued-payment", "direct:record-issued-paymnt"));
        Files.write(file, lines);

        Outcome outcome = validate(routesIn(copy));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.output())
                .contains(file + ":" + queueLine + ": unknown setting {{queue.payment-requestz}}")
                .contains(file + ":" + directLine + ": no route consumes direct:record-issued-paymnt");
    }

    private Path copyRoutes() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text);
    }

    private static Properties routesIn(Path folder) {
        Properties settings = new Properties();
        settings.setProperty("app.routes-dir", folder.toString());
        return settings;
    }

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome validate(Properties overrides) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode = RouteValidation.run(overrides, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Outcome(exitCode, bytes.toString(StandardCharsets.UTF_8));
    }
}
