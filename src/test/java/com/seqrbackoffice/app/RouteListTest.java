package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The route reference that {@code --list-routes} generates from the route files (docs/routes.md): every route, with
 * its file, input (without options) and description, as the files themselves say; nothing for a folder whose files do not load.
 */
class RouteListTest {

    @TempDir
    Path copy;

    @Test
    void everyRouteOfTheFilesIsListedOnceWithItsFileInputAndDescription() throws IOException {
        Outcome outcome = list(new Properties());
        List<String> rows = outcome.output().lines().filter(line -> line.startsWith("| `")).toList();

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        List<Map<String, Object>> routes = routesInFiles();
        assertThat(rows).hasSameSizeAs(routes);
        for (Map<String, Object> route : routes) {
            String description = ((String) route.get("description")).strip().replaceAll("\\s+", " ");
            String from = ((String) ((Map<?, ?>) route.get("from")).get("uri")).split("\\?")[0];
            assertThat(rows).as("the row of route %s", route.get("id")).containsOnlyOnce(
                    "| `" + route.get("id") + "` | `" + route.get("file") + "` | `" + from + "` | " + description + " |");
        }
        System.out.println("Route reference: " + rows.size() + " routes listed from the route files, each with its"
                + " file, input and description");
    }

    @Test
    void aFolderWithABrokenFileGetsItsProblemsInsteadOfAList() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.writeString(copy.resolve("broken.camel.yaml"), "- route:\n    id: broken\n    from: [\n");
        Properties settings = new Properties();
        settings.setProperty("app.routes-dir", copy.toString());

        Outcome outcome = list(settings);

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.output()).contains("broken.camel.yaml:").doesNotContain("| route |");
    }

    /** Every route of routes/*.camel.yaml as its file has it, with "file" added. */
    private static List<Map<String, Object>> routesInFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(path -> path.toString().endsWith(".camel.yaml")).sorted().flatMap(file -> {
                try (InputStream in = Files.newInputStream(file)) {
                    List<Map<String, Object>> entries = new Yaml().load(in);
                    return entries.stream().filter(entry -> entry.get("route") instanceof Map<?, ?>)
                            .map(entry -> {
                                @SuppressWarnings("unchecked")
                                Map<String, Object> route = new java.util.HashMap<>((Map<String, Object>) entry.get("route"));
                                route.put("file", file.getFileName().toString());
                                return route;
                            }).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome list(Properties overrides) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exitCode = RouteValidation.list(overrides, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Outcome(exitCode, bytes.toString(StandardCharsets.UTF_8));
    }
}
