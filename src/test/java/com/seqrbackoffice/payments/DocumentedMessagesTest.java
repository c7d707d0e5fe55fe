package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;

/** Every example in docs/messages.md is valid against the schema its section names, so the docs cannot drift. */
class DocumentedMessagesTest {

    private static final Pattern SECTION = Pattern.compile(
            "^## [^\\n]*\\(schema `([a-z-]+\\.schema\\.json)`\\)\\s*$(.*?)(?=^## |\\z)", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyDocumentedExampleMatchesItsSchema() throws IOException {
        String docs = Files.readString(Path.of("docs/messages.md"));
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers ->
                        mappers.mapPrefix("https://seqr-backoffice.dev/schemas/", "classpath:schemas/")));
        List<String> checked = new ArrayList<>();
        Matcher section = SECTION.matcher(docs);
        while (section.find()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of("https://seqr-backoffice.dev/schemas/" + section.group(1)));
            Matcher block = JSON_BLOCK.matcher(section.group(2));
            while (block.find()) {
                for (JsonNode example : examples(block.group(1))) {
                    assertThat(schema.validate(example)).as(section.group(1) + ": " + example).isEmpty();
                    checked.add(section.group(1));
                }
            }
        }
        assertThat(checked).as("documented examples").contains("terminal-command.schema.json",
                "payment-request.schema.json", "fulfilment.schema.json", "cancellation.schema.json",
                "refund-request.schema.json", "payment-event.schema.json");
    }

    private static List<JsonNode> examples(String block) throws IOException {
        try (MappingIterator<JsonNode> values = Json.MAPPER.readerFor(JsonNode.class)
                .with(JsonParser.Feature.ALLOW_COMMENTS).readValues(block)) {
            return values.readAll();
        }
    }
}
