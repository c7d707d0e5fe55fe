package com.seqrbackoffice.tills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import com.seqrbackoffice.payments.Json;
import com.seqrbackoffice.testing.ConfigFile;
import com.seqrbackoffice.testing.FlowTestSupport;

/**
 * Tills that are not written in Java: src/test/python/till.py, over AMQP 1.0 (Debian's python3-qpid-proton) and
 * over STOMP (python3-stomp), against the embedded broker's acceptors for those protocols. Each logs in as its own
 * broker user (roles {@code till} and {@code terminal.<terminalId>}, as README's "Adding a till" says), is refused
 * every terminal's {@code pos.payment.events}, registers its terminal, reads its own
 * {@code pos.payment.events.<terminalId>} with a selector on the events' string properties and takes a payment to
 * PAID, with the same JSON as the Java tills; the order system's user sends the fulfilment. Skipped locally without
 * the Python packages, failed on CI ({@code CI=true}): .ci/run installs them.
 */
class NonJavaTillsTest extends FlowTestSupport {

    private static final Path TILL_SCRIPT = Path.of("src", "test", "python", "till.py");
    private static final String PASSWORD = "py-till-local-only";
    private static final String ORDERS_USER = "py-orders";
    /** Each protocol's till, with a broker user of its own. */
    private static final Map<String, String> TERMINALS = Map.of("amqp", unique("py-amqp"), "stomp", unique("py-stomp"));

    @BeforeAll
    static void start() {
        StringBuilder users = new StringBuilder(ConfigFile.load().getProperty("broker.embedded.users"));
        TERMINALS.values().forEach(terminalId ->
                users.append(",%s:%s:till+terminal.%s".formatted(terminalId, PASSWORD, terminalId)));
        users.append(",%s:%s:orders".formatted(ORDERS_USER, PASSWORD));
        startApp(Map.of("broker.embedded.users", users.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"amqp, broker.embedded.amqp-acceptor, proton, python3-qpid-proton",
                "stomp, broker.embedded.stomp-acceptor, stomp, python3-stomp"})
    void aPythonTillTakesAPaymentToPaidAndReadsItsEventsWithASelector(String protocol, String acceptorSetting,
            String module, String debianPackage) throws Exception {
        assumePythonModule(module, debianPackage);
        String terminalId = TERMINALS.get(protocol);
        String ownEventsQueue = queue("payment-events") + "." + terminalId;
        String orderId = unique("order-py-" + protocol);
        URI acceptor = URI.create(app.setting(acceptorSetting));

        ProcessBuilder script = new ProcessBuilder(python(), TILL_SCRIPT.toString(), protocol).redirectErrorStream(true);
        Map<String, String> environment = script.environment();
        environment.put("BROKER_HOST", acceptor.getHost());
        environment.put("BROKER_PORT", String.valueOf(acceptor.getPort()));
        environment.put("TILL_USER", terminalId);
        environment.put("TILL_PASSWORD", PASSWORD);
        environment.put("ORDERS_USER", ORDERS_USER);
        environment.put("ORDERS_PASSWORD", PASSWORD);
        environment.put("COMMANDS_QUEUE", queue("terminal-commands"));
        environment.put("PAYMENTS_QUEUE", queue("payment-requests"));
        environment.put("FULFILMENT_QUEUE", queue("fulfilment"));
        environment.put("SHARED_EVENTS_QUEUE", queue("payment-events"));
        environment.put("EVENTS_QUEUE", ownEventsQueue);
        environment.put("TERMINAL_ID", terminalId);
        environment.put("ORDER_ID", orderId);
        environment.put("EMULATOR_URL", emulator().baseUrl());
        Process till = script.start();
        String output = new String(till.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(till.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.printf("%s till's events:%n%s", protocol, output);

        assertThat(till.exitValue()).as("till.py %s; output:%n%s", protocol, output).isZero();
        List<JsonNode> lines = output.lines().map(NonJavaTillsTest::json).toList();
        // the till's own user: refused every terminal's queue, reading its own once its terminal is registered
        assertThat(lines).extracting(line -> line.path("refused").asText()).contains(queue("payment-events"));
        assertThat(lines).extracting(line -> line.path("subscribed").asText()).contains(ownEventsQueue);
        List<JsonNode> events = lines.stream().filter(line -> line.has("body")).toList();
        assertThat(events).extracting(event -> event.path("body").path("type").asText() + " "
                + event.path("body").path("status").asText()).containsExactly(
                        "TERMINAL_REGISTERED ", "PAYMENT_STATUS ISSUED", "PAYMENT_STATUS RESERVED", "PAYMENT_STATUS PAID");
        // the string properties a Java till selects on arrive as AMQP application properties or STOMP headers
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("properties").path("terminalId").asText()).isEqualTo(terminalId);
            assertThat(event.path("properties").path("type").asText()).isEqualTo(event.path("body").path("type").asText());
        });
        assertThat(events.subList(1, 4)).allSatisfy(event ->
                assertThat(event.path("properties").path("orderId").asText()).isEqualTo(orderId));
        String invoiceReference = events.get(3).path("body").path("invoiceReference").asText();

        assertThat(paymentStatus(orderId)).isEqualTo("PAID");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 300", "CAPTURE 245.5", "RELEASE 54.5");
        assertThat(emulator().counters().commits(invoiceReference)).isEqualTo(1);
    }

    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("till.py printed a line that is not an event: " + line, e);
        }
    }

    /** Debian's python3 (the packages are Debian's), unless TEST_PYTHON names another. */
    private static String python() {
        String configured = System.getenv("TEST_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static void assumePythonModule(String module, String debianPackage) throws InterruptedException {
        boolean installed;
        try {
            Process check = new ProcessBuilder(python(), "-c", "import " + module).redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            installed = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            installed = false;
        }
        String missing = python() + " cannot import " + module + " (apt-get install -y " + debianPackage + ")";
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing);
        }
        if (!installed) {
            System.out.println("SKIPPED " + module + " till: " + missing);
        }
        Assumptions.assumeTrue(installed, missing);
    }
}
