package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.reporting.ReportParser;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * Promise 4: no configured password or key in any log line (at DEBUG, every library included), event or dead
 * letter; terminal passwords encrypted at rest; every listening port on 127.0.0.1; SQL with bound parameters
 * only; XML without external entities.
 */
class SecretsTest extends FlowTestSupport {

    private static final String BROKER_PASSWORD = "Broker-Secret-4711";
    private static final String LEDGER_PASSWORD = "Ledger-Secret-4711";
    private static final String RESELLER_PASSWORD = "Reseller-Secret-4711";
    private static final String TERMINAL_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String TILL_PASSWORD = "Till-Secret-4711";

    // log4j2.xml keeps these at INFO whatever the root level: at DEBUG they print setting values and call parameters
    private static final java.util.Set<String> NEVER_DEBUG = java.util.Set.of("org.apache.camel.component.properties",
            "org.apache.cxf.endpoint.ClientImpl", "org.apache.cxf.service.invoker");

    private static final StringWriter log = new StringWriter();
    private static WriterAppender capture;
    private static final Map<LoggerConfig, Level> levelsBefore = new java.util.HashMap<>();

    @BeforeAll
    static void start() {
        captureEverythingAtDebug();
        startApp(Map.of(
                "broker.password", BROKER_PASSWORD,
                "ledger.password", LEDGER_PASSWORD,
                "seqr.reseller.id", "secure_shop",
                "seqr.reseller.user-id", "7700",
                "seqr.reseller.password", RESELLER_PASSWORD,
                "seqr.emulator.resellers", "secure_shop/7700:" + RESELLER_PASSWORD,
                "terminals.password-key", TERMINAL_KEY,
                "seqr.log-messages", "true"));
    }

    @AfterAll
    static void stopCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        levelsBefore.forEach(LoggerConfig::setLevel);
        configuration.getLoggers().values().forEach(logger -> logger.removeAppender(capture.getName()));
        configuration.getRootLogger().removeAppender(capture.getName());
        context.updateLoggers();
        capture.stop();
    }

    @Test
    void noConfiguredPasswordOrKeyAppearsInTheLogEventsOrDeadLettersOfAFullFlow() {
        String terminalId = unique("till");
        till.send(queue("terminal-commands"), """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Secure till", "password": "%s"}
                """.formatted(unique("c"), terminalId, TILL_PASSWORD));
        assertThat(till.receive(queue("payment-events"), "terminalId = '" + terminalId + "' AND type = 'TERMINAL_REGISTERED'",
                EVENT_TIMEOUT)).isNotNull();
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminalId, orderId, "200.00");
        till.send(queue("fulfilment"), fulfilment(orderId, "150.00"));
        awaitStatus(orderId, "PAID");
        till.send(queue("refunds"), """
                {"messageId": "%s", "refundId": "%s", "orderId": "%s", "amount": {"value": "20.00", "currency": "SEK"}}
                """.formatted(unique("r"), unique("refund"), orderId));
        awaitStatus(orderId, "REFUNDED");
        // refused commands that carry a password: one against the schema, one that is not even JSON
        till.send(queue("terminal-commands"), """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "bad id!", "name": "x", "password": "%s"}
                """.formatted(unique("c"), TILL_PASSWORD));
        till.send(queue("terminal-commands"), "{\"messageId\": \"c-broken\", \"command\": \"REGISTER\", \"password\": "
                + TILL_PASSWORD + "}");

        List<TillClient.Received> deadLetters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TillClient.Received letter = till.receive(queue("dead-letter"), null, EVENT_TIMEOUT);
            assertThat(letter).as("dead letter " + (i + 1)).isNotNull();
            deadLetters.add(letter);
        }
        List<TillClient.Received> events = till.drain(queue("payment-events"), null, Duration.ofSeconds(1));
        assertThat(events).as("the ERROR events of the refused commands").hasSizeGreaterThanOrEqualTo(2);
        String stored = (String) rows("select password_ciphertext from terminals where terminal_id = ?", terminalId)
                .get(0).get("password_ciphertext");

        List<String> secrets = List.of(BROKER_PASSWORD, LEDGER_PASSWORD, RESELLER_PASSWORD, TERMINAL_KEY, TILL_PASSWORD);
        String logText = log.toString();
        Map<String, List<String>> leaks = new java.util.TreeMap<>();
        for (String secret : secrets) {
            List<String> lines = linesWith(logText, secret);
            if (!lines.isEmpty()) {
                leaks.put(secret, lines);
            }
        }
        assertThat(leaks).as("log lines with a secret").isEmpty();
        for (String secret : secrets) {
            for (TillClient.Received message : concat(events, deadLetters)) {
                assertThat(message.text() + message.properties()).as("event or dead letter").doesNotContain(secret);
            }
        }
        assertThat(deadLetters).allSatisfy(letter -> assertThat(letter.text()).contains("\"password\": \"****\""));
        assertThat(stored).as("the terminal password at rest").isNotBlank().doesNotContain(TILL_PASSWORD);
        assertThat(emulator().counters().commits(invoiceReference)).isEqualTo(1);
        assertThat(logText).as("the capture really ran at DEBUG").contains("DEBUG");

        System.out.printf("secrets: full flow (register, pay, fulfil, refund, 2 refused commands with passwords) at DEBUG:"
                        + " %d log lines, %d events, %d dead letters; 0 occurrences of %d configured secrets%n",
                logText.lines().count(), events.size(), deadLetters.size(), secrets.size());
    }

    @Test
    void everyListeningPortAcceptsLoopbackOnly() throws IOException {
        InetAddress external = nonLoopbackAddress();
        assumeTrue(external != null, "this machine has no non-loopback IPv4 address to try");
        Map<String, Integer> ports = Map.of(
                "SEQR emulator", emulator().port(),
                "management", Integer.parseInt(app.setting("camel.management.port")),
                "broker", URI.create(app.setting("broker.embedded.acceptor")).getPort());
        ports.forEach((name, port) -> {
            assertThat(connects(InetAddress.getLoopbackAddress(), port)).as(name + " on 127.0.0.1:" + port).isTrue();
            assertThat(connects(external, port)).as(name + " on " + external.getHostAddress() + ":" + port).isFalse();
        });
        System.out.printf("secrets: %d listening ports answer on 127.0.0.1 only (refused on %s)%n", ports.size(),
                external.getHostAddress());
    }

    @Test
    void routesPassValuesToSqlAsBoundParametersOnly() throws IOException {
        Pattern sqlUri = Pattern.compile("sql:(.*?)(?=\\n\\s*-\\s|\\n\\s*\\n|\\z)", Pattern.DOTALL);
        Pattern inlinedValue = Pattern.compile("(?<!:#)\\$\\{");
        int statements = 0;
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher matcher = sqlUri.matcher(Files.readString(file));
                while (matcher.find()) {
                    statements++;
                    assertThat(inlinedValue.matcher(matcher.group(1)).find())
                            .as("a value built into the SQL text in " + file + ": " + matcher.group(1)).isFalse();
                }
            }
        }
        // the statements the routes load from files (sql:classpath:sql/...) and Java runs (LedgerStatements)
        int files = 0;
        try (var sqlFiles = Files.walk(Path.of("src/main/resources/sql"))) {
            for (Path file : sqlFiles.filter(f -> f.toString().endsWith(".sql")).toList()) {
                files++;
                assertThat(inlinedValue.matcher(Files.readString(file)).find())
                        .as("a value built into the SQL text of " + file).isFalse();
            }
        }
        assertThat(statements + files).isGreaterThan(20);
        System.out.printf("secrets: %d SQL statements in routes/ and %d in sql/ files, every value a bound parameter%n",
                statements, files);
    }

    @Test
    void reportParserRefusesExternalEntities() throws IOException {
        Path secretFile = Files.createTempFile("secret", ".txt");
        Files.writeString(secretFile, "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secretFile.toUri() + "\">]>"
                + "<TransactionDetails><Row><Amount>1</Amount><Type>&x;</Type></Row></TransactionDetails>";

        assertThatThrownBy(() -> new ReportParser().read(xml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOCTYPE").hasMessageNotContaining("TOP-SECRET");
    }

    private static void captureEverythingAtDebug() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        capture = WriterAppender.newBuilder().setName("secrets-capture").setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n%ex").build()).build();
        capture.start();
        configuration.addAppender(capture);
        List<LoggerConfig> loggers = new ArrayList<>(configuration.getLoggers().values());
        loggers.add(configuration.getRootLogger());
        for (LoggerConfig logger : loggers) {
            if (NEVER_DEBUG.contains(logger.getName())) {
                continue;
            }
            levelsBefore.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
            logger.addAppender(capture, Level.DEBUG, null);
        }
        context.updateLoggers();
    }

    private static List<String> linesWith(String text, String secret) {
        return text.lines().filter(line -> line.contains(secret)).limit(5).toList();
    }

    private static List<TillClient.Received> concat(List<TillClient.Received> a, List<TillClient.Received> b) {
        List<TillClient.Received> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        return null;
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
