package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** README's table of routes lists exactly the routes of routes/*.camel.yaml, each with the file it is in. */
class RouteTableTest {

    @Test
    void everyRouteIsInTheReadmeTableAndEveryRowIsARoute() throws IOException {
        TreeSet<String> inFiles = routesInFiles();
        TreeSet<String> inReadme = routesInReadme();

        TreeSet<String> undocumented = new TreeSet<>(inFiles);
        undocumented.removeAll(inReadme);
        TreeSet<String> unknown = new TreeSet<>(inReadme);
        unknown.removeAll(inFiles);
        assertThat(undocumented).as("routes (file: id) missing from README's table of routes").isEmpty();
        assertThat(unknown).as("rows of README's table of routes with no such route in that file").isEmpty();
    }

    @Test
    void readmeShowsEveryFlowInAMermaidDiagram() throws IOException {
        String routes = section("## Routes");
        List<String> subgraphs = routes.lines().filter(line -> line.strip().startsWith("subgraph ")).toList();

        assertThat(routes).contains("```mermaid");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".camel.yaml")).toList()) {
                String flow = file.getFileName().toString().replace(".camel.yaml", "");
                assertThat(subgraphs).as("a Mermaid subgraph of the %s flow", flow).anyMatch(line -> line.contains(flow));
            }
        }
    }

    /** "file: id" of every route in the route files. */
    private static TreeSet<String> routesInFiles() throws IOException {
        TreeSet<String> routes = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".camel.yaml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    List<Map<String, Object>> entries = new Yaml().load(in);
                    for (Map<String, Object> entry : entries) {
                        if (entry.get("route") instanceof Map<?, ?> route) {
                            routes.add(file.getFileName() + ": " + route.get("id"));
                        }
                    }
                }
            }
        }
        return routes;
    }

    /** "file: id" of every row of the table under "## Routes": | `id` | `file` | input | output | settings |. */
    private static TreeSet<String> routesInReadme() throws IOException {
        TreeSet<String> rows = new TreeSet<>();
        for (String line : section("## Routes").lines().toList()) {
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                rows.add(cells[2].trim().replace("`", "") + ": " + cells[1].trim().replace("`", ""));
            }
        }
        assertThat(rows).as("README's table of routes").isNotEmpty();
        return rows;
    }

    private static String section(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf(heading);
        assertThat(start).as("README has a '%s' section", heading).isNotNegative();
        StringBuilder section = new StringBuilder();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            section.append(line).append('\n');
        }
        return section.toString();
    }
}
