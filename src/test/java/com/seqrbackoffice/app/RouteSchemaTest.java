package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Every route file names, on its first line, the YAML DSL schema of the Camel version the app runs, so that an
 * editor with yaml-language-server validates it as Camel will read it (docs/editors.md); and each file passes that
 * schema as the camel-yaml-dsl jar on the classpath ships it (the same file as the URL's).
 */
class RouteSchemaTest {

    private static final String SCHEMA_IN_JAR = "schema/camelYamlDsl.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^{}]+}}");
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = CamelContext.class.getClassLoader().getResourceAsStream(SCHEMA_IN_JAR)) {
            assertThat(in).as(SCHEMA_IN_JAR + " of camel-yaml-dsl").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static Stream<Path> routeFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("routes"))) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void firstLineNamesTheYamlDslSchemaOfTheCamelVersionInUse(Path file) throws IOException {
        String camelVersion = CamelContext.class.getPackage().getImplementationVersion();

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).getFirst()).isEqualTo(
                "# yaml-language-server: $schema=https://raw.githubusercontent.com/apache/camel/camel-" + camelVersion
                        + "/dsl/camel-yaml-dsl/camel-yaml-dsl/src/generated/resources/" + SCHEMA_IN_JAR);
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routeFilePassesTheYamlDslSchema(Path file) throws IOException {
        JsonNode routes = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());

        List<ValidationMessage> errors = schema.validate(routes).stream().filter(error -> !isPlaceholder(error)).toList();

        assertThat(errors).as("%s against Camel's YAML DSL schema", file).isEmpty();
    }

    /**
     * The schema types an option such as autoStartup as a boolean, while Camel reads a property placeholder in any
     * option: only that mismatch is left to the editor's warning (docs/editors.md).
     */
    private static boolean isPlaceholder(ValidationMessage error) {
        JsonNode value = error.getInstanceNode();
        return "type".equals(error.getType()) && value != null && value.isTextual()
                && PLACEHOLDER.matcher(value.asText()).matches();
    }
}
