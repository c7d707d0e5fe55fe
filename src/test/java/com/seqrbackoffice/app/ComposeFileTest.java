package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.seqrbackoffice.testing.ConfigFile;

/**
 * docker-compose.yml describes the production shape (issue 7): Artemis and PostgreSQL from their official
 * images with volumes, two app instances built from the Dockerfile, health checks and start order, and app
 * settings that are real settings of config/application.properties. There is no Docker engine here, so the
 * file is parsed and checked, not run.
 */
class ComposeFileTest {

    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void parse() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        services = compose.path("services");
    }

    @Test
    void runsArtemisPostgresqlTheSeqrEmulatorAndTheApp() {
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("artemis", "postgres", "seqr-emulator", "app");
    }

    @Test
    void brokerIsTheOfficialArtemisImageOfTheClientsVersionWithAPersistentVolumeAndLogin() throws IOException {
        JsonNode artemis = services.path("artemis");
        assertThat(artemis.path("image").asText()).isEqualTo("apache/activemq-artemis:" + pomProperty("artemis.version"));
        assertThat(volumes(artemis)).contains("artemis-data:/var/lib/artemis-instance");
        assertThat(artemis.path("environment").path("ARTEMIS_USER").asText()).isNotBlank();
        assertThat(artemis.path("environment").path("ARTEMIS_PASSWORD").asText()).isNotBlank();
        assertThat(artemis.path("environment").path("ANONYMOUS_LOGIN").asText()).isEqualTo("false");
    }

    @Test
    void brokerPublishesItsCoreAmqpAndStompPorts() {
        List<String> ports = new ArrayList<>();
        services.path("artemis").path("ports").forEach(port -> ports.add(port.asText()));

        // the image's broker instance has acceptors for each protocol on Artemis' usual ports
        assertThat(ports).anySatisfy(port -> assertThat(port).endsWith(":61616"))
                .anySatisfy(port -> assertThat(port).endsWith(":5672"))
                .anySatisfy(port -> assertThat(port).endsWith(":61613"));
    }

    @Test
    void ledgerIsTheOfficialPostgresImageWithAPersistentVolume() {
        JsonNode postgres = services.path("postgres");
        assertThat(postgres.path("image").asText()).startsWith("postgres:");
        assertThat(volumes(postgres)).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(fieldNames(compose.path("volumes"))).containsExactlyInAnyOrder("artemis-data", "postgres-data");
    }

    @Test
    void appRunsTwoReplicasBuiltFromTheMultiStageDockerfile() throws IOException {
        JsonNode app = services.path("app");
        assertThat(app.path("build").asText()).isEqualTo(".");
        assertThat(app.path("deploy").path("replicas").asInt()).isEqualTo(2);

        List<String> dockerfile = Files.readAllLines(Path.of("Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile).filteredOn(line -> line.startsWith("FROM ")).hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith("FROM maven:").endsWith(" AS build"));
        assertThat(dockerfile).contains("COPY config config", "COPY routes routes");
        assertThat(dockerfile).as("the AOT training and the start, on the JVM options of README's run command")
                .filteredOn(line -> line.contains(Application.JVM_OPTIONS)).hasSize(2);
    }

    @Test
    void everyServiceHasAHealthCheckAndTheAppStartsWhenWhatItNeedsIsHealthy() {
        fieldNames(services).forEach(name ->
                assertThat(services.path(name).path("healthcheck").path("test").isArray()).as("health check of %s", name).isTrue());
        JsonNode dependsOn = services.path("app").path("depends_on");
        assertThat(fieldNames(dependsOn)).containsExactlyInAnyOrder("artemis", "postgres", "seqr-emulator");
        fieldNames(dependsOn).forEach(name ->
                assertThat(dependsOn.path(name).path("condition").asText()).as("condition on %s", name).isEqualTo("service_healthy"));
    }

    @Test
    void everyEnvironmentVariableOfTheAppAndEmulatorIsASetting() {
        Set<String> settingVariables = ConfigFile.load().stringPropertyNames().stream()
                .map(ConfigFile::environmentName).collect(Collectors.toSet());
        for (String service : List.of("app", "seqr-emulator")) {
            assertThat(new TreeSet<>(fieldNames(services.path(service).path("environment"))))
                    .as("environment variables of %s that are no setting of %s", service, ConfigFile.PATH)
                    .isNotEmpty()
                    .allSatisfy(variable -> assertThat(settingVariables).contains(variable));
        }
    }

    @Test
    void appUsesTheComposeBrokerLedgerAndSeqrEmulator() {
        JsonNode app = services.path("app").path("environment");
        JsonNode artemis = services.path("artemis").path("environment");
        JsonNode postgres = services.path("postgres").path("environment");
        JsonNode emulator = services.path("seqr-emulator").path("environment");

        assertThat(app.path("BROKER_EMBEDDED").asText()).isEqualTo("false");
        assertThat(app.path("BROKER_URL").asText()).isEqualTo("tcp://artemis:61616");
        assertThat(app.path("BROKER_USER").asText()).isEqualTo(artemis.path("ARTEMIS_USER").asText());
        assertThat(app.path("BROKER_PASSWORD").asText()).isEqualTo(artemis.path("ARTEMIS_PASSWORD").asText());

        assertThat(app.path("LEDGER_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.path("POSTGRES_DB").asText());
        assertThat(app.path("LEDGER_USER").asText()).isEqualTo(postgres.path("POSTGRES_USER").asText());
        assertThat(app.path("LEDGER_PASSWORD").asText()).isEqualTo(postgres.path("POSTGRES_PASSWORD").asText());

        // both instances must talk to one SEQR, not each to an emulator of its own
        assertThat(app.path("SEQR_EMULATOR_ENABLED").asText()).isEqualTo("false");
        assertThat(app.path("SEQR_URL").asText())
                .startsWith("http://seqr-emulator:" + emulator.path("SEQR_EMULATOR_PORT").asText() + "/");
        assertThat(emulator.path("SEQR_EMULATOR_HOST").asText()).isEqualTo("0.0.0.0");
        // each instance must decrypt the terminal credentials the other stored
        assertThat(app.path("TERMINALS_PASSWORD_KEY").asText()).isNotBlank();
    }

    @Test
    void ledgerTakesTheConnectionsOfFourInstancesAtTheirPoolSize() {
        List<String> arguments = new ArrayList<>();
        services.path("postgres").path("command").forEach(argument -> arguments.add(argument.asText()));
        Matcher limit = Pattern.compile("max_connections=(\\d+)").matcher(String.join(" ", arguments));
        int poolSize = Integer.parseInt(ConfigFile.load().getProperty("ledger.pool-size"));

        assertThat(limit.find()).as("max_connections in the postgres command: %s", arguments).isTrue();
        // docs/production.md's scaling example runs four instances; Quartz and psql need a few more
        assertThat(Integer.parseInt(limit.group(1))).isGreaterThanOrEqualTo(4 * poolSize + 10);
    }

    @Test
    void replicasShareOneClusteredScheduler() {
        // two replicas with in-memory Quartz stores would each fire every report trigger
        JsonNode clustered = services.path("app").path("environment").path("QUARTZ_CLUSTERED");
        assertThat(clustered.asText()).as("app's QUARTZ_CLUSTERED in docker-compose.yml").isEqualTo("true");
    }

    @Test
    void externalBrokerRedeliversDeadLettersAndPagesAsTheAppSettingsSay() throws IOException {
        String mount = "./config/artemis-broker.properties:/var/lib/artemis-instance/etc-override/broker.properties:ro";
        assertThat(volumes(services.path("artemis"))).contains(mount);

        Properties broker = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config", "artemis-broker.properties"), StandardCharsets.UTF_8)) {
            broker.load(reader);
        }
        Properties app = ConfigFile.load();
        String events = app.getProperty("queue.payment-events");
        Map<String, String> expected = new TreeMap<>(Map.of(
                "addressSettings.\"#\".autoDeleteQueues", "false",
                "addressSettings.\"#\".autoDeleteAddresses", "false"));
        expected.putAll(Map.of(
                "addressSettings.\"#\".deadLetterAddress", app.getProperty("queue.dead-letter"),
                "addressSettings.\"#\".expiryAddress", app.getProperty("queue.expiry"),
                "addressSettings.\"#\".redeliveryDelay", app.getProperty("broker.redelivery-delay-ms"),
                "addressSettings.\"#\".redeliveryMultiplier", app.getProperty("broker.redelivery-multiplier"),
                "addressSettings.\"#\".maxRedeliveryDelay", app.getProperty("broker.max-redelivery-delay-ms"),
                "addressSettings.\"#\".maxDeliveryAttempts", app.getProperty("broker.max-delivery-attempts"),
                "IDCacheSize", app.getProperty("broker.duplicate-id-cache-size"),
                "addressSettings.\"" + events + "\".IDCacheSize", app.getProperty("broker.duplicate-id-cache-size"),
                "addressSettings.\"" + events + ".#\".IDCacheSize",
                app.getProperty("broker.terminal-events-duplicate-id-cache-size"),
                "addressSettings.\"" + events + ".#\".initialQueueBufferSize",
                app.getProperty("broker.terminal-events-queue-buffer-size")));
        expected.putAll(Map.of(
                "addressSettings.\"" + events + "\".maxSizeBytes", kib(app, "broker.events-queue-max-size-kb"),
                "addressSettings.\"" + events + "\".addressFullMessagePolicy", "PAGE"));
        Map<String, String> actual = new TreeMap<>();
        broker.stringPropertyNames().stream().filter(key -> !key.startsWith("securityRoles."))
                .forEach(key -> actual.put(key, broker.getProperty(key)));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void dockerWaitsForAnInstanceToFinishItsInFlightMessagesBeforeKillingIt() {
        JsonNode app = services.path("app");
        String shutdownTimeout = app.path("environment").path(ConfigFile.environmentName("camel.main.shutdown-timeout"))
                .asText(ConfigFile.load().getProperty("camel.main.shutdown-timeout"));
        Matcher grace = Pattern.compile("(\\d+)s").matcher(app.path("stop_grace_period").asText());

        assertThat(grace.matches()).as("stop_grace_period in seconds (e.g. 30s): %s", app.path("stop_grace_period")).isTrue();
        // after Camel's graceful shutdown the broker connections and the ledger pool still close
        assertThat(Integer.parseInt(grace.group(1))).isGreaterThanOrEqualTo(Integer.parseInt(shutdownTimeout) + 10);
    }

    @Test
    void bothBrokersEnforceTheRolesOfOneFileAndTheAppsUserHasRoleApp() {
        assertThat(ConfigFile.load().getProperty("broker.embedded.roles-file")).isEqualTo("config/artemis-broker.properties");
        assertThat(volumes(services.path("artemis")))
                .contains("./config/artemis-broker.properties:/var/lib/artemis-instance/etc-override/broker.properties:ro");
        assertThat(services.path("artemis").path("environment").path("EXTRA_ARGS").asText()).contains("--role app");
    }

    @Test
    void noSecretHasAFallbackAndEachIsRequiredFromTheHost() throws IOException {
        String text = Files.readString(Path.of("docker-compose.yml"));
        Matcher reference = Pattern.compile("\\$\\{([A-Z0-9_]+)([^}]*)}").matcher(text);
        Map<String, String> secrets = new TreeMap<>();
        while (reference.find()) {
            String variable = reference.group(1);
            if (variable.matches(".*(PASSWORD|KEY|SECRET).*")) {
                secrets.put(variable, reference.group(2));
            }
        }
        assertThat(secrets).as("secrets the compose file takes from the host")
                .containsOnlyKeys("ARTEMIS_PASSWORD", "POSTGRES_PASSWORD", "SEQR_RESELLER_PASSWORD", "TERMINALS_PASSWORD_KEY",
                        "BACKOFFICE_HTTP_PASSWORD")
                .allSatisfy((variable, modifier) -> assertThat(modifier).as("${%s...}: required, no fallback", variable)
                        .startsWith(":?").doesNotContain(":-"));
        JsonNode app = services.path("app").path("environment");
        for (String setting : List.of("BROKER_PASSWORD", "LEDGER_PASSWORD", "SEQR_RESELLER_PASSWORD", "TERMINALS_PASSWORD_KEY",
                "BACKOFFICE_HTTP_PASSWORD")) {
            assertThat(app.path(setting).asText()).as("app's %s", setting).matches("\\$\\{[A-Z_]+:\\?[^}]*}");
        }
        // the emulator knows the app's reseller user with the same password
        JsonNode emulator = services.path("seqr-emulator").path("environment");
        assertThat(emulator.path("SEQR_EMULATOR_RESELLERS").asText()).isEqualTo(app.path("SEQR_RESELLER_ID").asText() + "/"
                + app.path("SEQR_RESELLER_USER_ID").asText() + ":" + app.path("SEQR_RESELLER_PASSWORD").asText());
    }

    @Test
    void publishedPortsBindLoopbackOnlyAndTheEmulatorsAdminApiIsOff() {
        List<String> ports = new ArrayList<>();
        fieldNames(services).forEach(name -> services.path(name).path("ports").forEach(port -> ports.add(port.asText())));
        assertThat(ports).as("published ports").isNotEmpty().allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        assertThat(services.path("seqr-emulator").path("environment").path("SEQR_EMULATOR_ADMIN_ENABLED").asText("false"))
                .isEqualTo("false");
    }

    @Test
    void theHaFileRunsAPrimaryAndItsBackupOnOneSharedStoreAndTheAppListsBoth() throws IOException {
        JsonNode ha = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.ha.yml").toFile()).path("services");
        String store = "artemis-store:/var/lib/artemis-store";
        String singleBrokerOptions = services.path("artemis").path("environment").path("EXTRA_ARGS").asText();
        for (String broker : List.of("artemis", "artemis-backup")) {
            assertThat(ha.path(broker).path("environment").path("EXTRA_ARGS").asText()).as("artemis create options of %s", broker)
                    .startsWith(singleBrokerOptions + " ")
                    .contains("--shared-store", "--data /var/lib/artemis-store", "--failover-on-shutdown", "--clustered");
            assertThat(volumes(ha.path(broker))).as("volumes of %s", broker).contains(store);
        }
        assertThat(ha.path("artemis").path("environment").path("EXTRA_ARGS").asText()).doesNotContain("--backup");
        assertThat(ha.path("artemis-backup").path("environment").path("EXTRA_ARGS").asText()).contains("--backup");
        JsonNode backup = ha.path("artemis-backup");
        assertThat(backup.path("image").asText()).isEqualTo(services.path("artemis").path("image").asText());
        assertThat(volumes(backup)).contains(
                "./config/artemis-broker.properties:/var/lib/artemis-instance/etc-override/broker.properties:ro");
        assertThat(ha.path("app").path("environment").path("BROKER_URL").asText())
                .isEqualTo("(tcp://artemis:61616,tcp://artemis-backup:61616)?ha=true&reconnectAttempts=-1");
        assertThat(Files.readString(Path.of("docker-compose.ha.yml"))).as("no password with a fallback").doesNotContain("PASSWORD:-");
        backup.path("ports").forEach(port -> assertThat(port.asText()).startsWith("127.0.0.1:"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A setting in KiB as the broker's bytes. */
    private static String kib(Properties settings, String name) {
        return String.valueOf(1024L * Integer.parseInt(settings.getProperty(name)));
    }

    private static List<String> volumes(JsonNode service) {
        List<String> volumes = new ArrayList<>();
        service.path("volumes").forEach(volume -> volumes.add(volume.asText()));
        return volumes;
    }

    private static String pomProperty(String name) throws IOException {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(matcher.find()).as("pom.xml property %s", name).isTrue();
        return matcher.group(1).trim();
    }
}
