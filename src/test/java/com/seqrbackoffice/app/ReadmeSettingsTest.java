package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.ConfigFile;

/** README's settings table documents exactly the settings of config/application.properties, with their defaults. */
class ReadmeSettingsTest {

    private static final String EMPTY_DEFAULT = "*(empty)*";

    /** One row of README's settings table: | `key` | `ENV_NAME` | `default` or *(empty)* | meaning |. */
    private record Row(String key, String environmentName, String defaultValue, String meaning) {
    }

    @Test
    void everySettingIsInTheReadmeTableAndEveryRowIsASetting() throws IOException {
        Properties config = ConfigFile.load();
        Map<String, Row> table = settingsTable();

        TreeSet<String> undocumented = new TreeSet<>(config.stringPropertyNames());
        undocumented.removeAll(table.keySet());
        TreeSet<String> unknown = new TreeSet<>(table.keySet());
        unknown.removeAll(config.stringPropertyNames());

        Map<String, String> comments = ConfigFile.comments();
        String rowsToAdd = undocumented.stream()
                .map(key -> row(key, config.getProperty(key), comments.getOrDefault(key, "(meaning)")))
                .collect(Collectors.joining(System.lineSeparator()));
        assertThat(undocumented).as("settings of %s missing from README's settings table; rows to add:%n%s",
                ConfigFile.PATH, rowsToAdd).isEmpty();
        assertThat(unknown).as("rows of README's settings table that are not in %s", ConfigFile.PATH).isEmpty();
    }

    @Test
    void eachRowShowsTheDefaultAndTheEnvironmentVariableOfItsSetting() throws IOException {
        Properties config = ConfigFile.load();
        settingsTable().values().stream().filter(row -> config.containsKey(row.key())).forEach(row -> {
            String value = config.getProperty(row.key());
            assertThat(row(row.key(), value, row.meaning())).as("README row of %s", row.key())
                    .isEqualTo(row(row.key(), row.environmentName(), row.defaultValue(), row.meaning()));
            assertThat(row.meaning()).as("README meaning of %s", row.key()).isNotBlank().isNotEqualTo("(meaning)");
        });
    }

    /** The row README should have for a setting. */
    private static String row(String key, String value, String meaning) {
        return row(key, "`" + ConfigFile.environmentName(key) + "`", value.isEmpty() ? EMPTY_DEFAULT : "`" + value + "`", meaning);
    }

    private static String row(String key, String environmentCell, String defaultCell, String meaning) {
        return "| `" + key + "` | " + environmentCell + " | " + defaultCell + " | " + meaning + " |";
    }

    /** The rows of the table under the "## Settings" heading, by setting. */
    private static Map<String, Row> settingsTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int heading = lines.indexOf("## Settings");
        assertThat(heading).as("README has a '## Settings' section").isNotNegative();
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
            assertThat(cells).as("cells of %s", line).hasSize(4);
            String key = cells[0].trim().replace("`", "");
            Row previous = rows.put(key, new Row(key, cells[1].trim(), cells[2].trim(), cells[3].trim()));
            assertThat(previous).as("README lists %s once", key).isNull();
        }
        assertThat(rows).as("rows of README's settings table").isNotEmpty();
        return rows;
    }
}
