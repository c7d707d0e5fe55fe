package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.CapturedLog;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/** Health, readiness and metrics on the management port, and the business keys in every log line of a payment. */
class OperationsEndpointsTest extends FlowTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static String terminal;

    @BeforeAll
    static void start() {
        startAppWithSeparateEmulator(Map.of());
        terminal = registeredTerminal();
    }

    @Test
    void managementServerListensOnLoopbackOnly() throws Exception {
        int port = Integer.parseInt(app.setting("camel.management.port"));
        assertThat(get("/observe/health").statusCode()).isEqualTo(200);

        Optional<InetAddress> external = nonLoopbackAddress();
        if (external.isEmpty()) {
            System.out.println("SKIPPED part: no non-loopback IPv4 address on this machine to try the port on");
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external.get(), port), 1000);
            throw new AssertionError("management port " + port + " answered on " + external.get());
        } catch (ConnectException expected) {
            // refused: nothing listens there
        }
    }

    @Test
    void readinessNamesBrokerLedgerSeqrAndRoutes() throws Exception {
        HttpResponse<String> health = get("/observe/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"")
                .contains("{\"name\":\"broker\",\"status\":\"UP\"}")
                .contains("{\"name\":\"ledger\",\"status\":\"UP\"}")
                .contains("{\"name\":\"seqr\",\"status\":\"UP\"}")
                .contains("{\"name\":\"route:start-payment\",\"status\":\"UP\"}");
    }

    @Test
    void notReadyWhileSeqrIsUnreachableAndReadyWhenItReturns() {
        emulator().goOffline();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> health = get("/observe/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("{\"name\":\"seqr\",\"status\":\"DOWN\"");
            });
        } finally {
            emulator().comeBackOnline();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/observe/health").statusCode()).isEqualTo(200));
    }

    @Test
    void notReadyWhileTheBrokerIsStoppedAndReadyWhenItReturns() throws Exception {
        broker().stop();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> health = get("/observe/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("{\"name\":\"broker\",\"status\":\"DOWN\"");
            });
        } finally {
            broker().start();
            // the till's connection died with the broker; the app's consumers reconnect by themselves
            till.close();
            till = TillClient.of(app);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/observe/health").statusCode()).isEqualTo(200));
    }

    @Test
    void metricsShowAPaymentsCallsStatusAndRouteCounters() throws Exception {
        String before = get("/observe/metrics").body();
        String orderId = unique("order");

        reservedPayment(terminal, orderId, "75.00");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String after = get("/observe/metrics").body();
            assertThat(value(after, "seqr_calls_seconds_count{operation=\"sendInvoice\",result=\"SUCCESS\"}"))
                    .isGreaterThan(value(before, "seqr_calls_seconds_count{operation=\"sendInvoice\",result=\"SUCCESS\"}"));
            assertThat(value(after, "seqr_calls_seconds_count{operation=\"getPaymentStatus\",result=\"SUCCESS\"}"))
                    .isGreaterThan(value(before, "seqr_calls_seconds_count{operation=\"getPaymentStatus\",result=\"SUCCESS\"}"));
            assertThat(value(after, "seqr_payments{status=\"RESERVED\"}"))
                    .isGreaterThan(value(before, "seqr_payments{status=\"RESERVED\"}"));
            assertThat(value(after, "camel_exchanges_total{camelContext=\"seqr-backoffice\",eventType=\"route\",kind=\"CamelRoute\",routeId=\"start-payment\"}"))
                    .isGreaterThan(value(before, "camel_exchanges_total{camelContext=\"seqr-backoffice\",eventType=\"route\",kind=\"CamelRoute\",routeId=\"start-payment\"}"));
            // a direct: sub-route's exchanges are its caller's: only the routes that take work in are counted
            assertThat(after).doesNotContain("routeId=\"read-polled-status\"");
            assertThat(after).contains("seqr_calls_seconds_bucket{operation=\"sendInvoice\",result=\"SUCCESS\",le=\"0.8\"}")
                    .contains("camel_exchanges_failed_total")
                    .contains("seqr_status_polls ")
                    .contains("seqr_dead_letters ");
        });
    }

    @Test
    void everyLineOfAPaymentNamesItsOrderInvoiceAndTerminal() {
        String orderId = unique("order");
        String invoiceReference;
        List<LogEvent> captured;
        try (CapturedLog log = new CapturedLog()) {
            invoiceReference = reservedPayment(terminal, orderId, "12.50");
            captured = log.events();
        }

        List<LogEvent> issuedLines = captured.stream()
                .filter(event -> event.getMessage().getFormattedMessage().contains("invoice " + invoiceReference + " ISSUED"))
                .toList();
        assertThat(issuedLines).as("the ISSUED line of order " + orderId).hasSize(1);
        Map<String, String> mdc = issuedLines.get(0).getContextData().toMap();
        assertThat(mdc).containsEntry("orderId", orderId)
                .containsEntry("invoiceReference", invoiceReference)
                .containsEntry("terminalId", terminal)
                .containsEntry("camel.routeId", "start-payment");

        LogEvent reservedLine = captured.stream()
                .filter(event -> event.getMessage().getFormattedMessage().contains("Order " + orderId + ": RESERVED"))
                .findFirst().orElseThrow(() -> new AssertionError("no RESERVED line for " + orderId));
        assertThat(reservedLine.getContextData().toMap()).containsEntry("orderId", orderId)
                .containsEntry("invoiceReference", invoiceReference).containsEntry("terminalId", terminal);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + app.setting("camel.management.port") + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A sample's value in Prometheus text, 0 when the series is not there yet. */
    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }
}
