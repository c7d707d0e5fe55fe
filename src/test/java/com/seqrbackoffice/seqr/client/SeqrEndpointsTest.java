package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.ErswsResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The transport side of {@code cxf:bean:seqr}, against a canned server that shows what went over HTTP. */
class SeqrEndpointsTest {

    private static final TerminalCredentials TERMINAL = new TerminalCredentials("terminal-1", "Terminal-Pa55");

    private final StubSeqrServer seqr = new StubSeqrServer();
    private CamelContext camel;
    private ProducerTemplate template;
    private SeqrRequests requests;

    SeqrEndpointsTest() throws Exception {
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        seqr.close();
    }

    @Test
    void eachUriNamesItsOperationOrTheHeaderDoes() throws Exception {
        start(settings(seqr.url(), 2000, false));

        Object cancel = template.requestBody("cxf:bean:seqr?defaultOperationName=cancelInvoice",
                requests.cancelInvoice(TERMINAL, "1397222701693"));
        Object assign = template.requestBody("cxf:bean:seqr?defaultOperationName=assignSeqrId",
                requests.assignSeqrId(TERMINAL, "MAINST07"));
        Object unregister = template.requestBodyAndHeader("cxf:bean:seqr",
                requests.unregisterTerminal(TERMINAL), "operationName", "unregisterTerminal");

        assertThat(List.of(cancel, assign, unregister)).allSatisfy(body -> assertThat(body)
                .isInstanceOfSatisfying(ErswsResponse.class, r -> assertThat(r.getResultCode()).isZero()));
        assertThat(seqr.requests()).extracting(StubSeqrServer.Request::operation)
                .containsExactly("cancelInvoice", "assignSeqrId", "unregisterTerminal");
    }

    @Test
    void camelHeadersNeitherLeaveWithTheRequestNorComeBackAsStrings() throws Exception {
        start(settings(seqr.url(), 2000, false));

        Exchange exchange = template.request("cxf:bean:seqr?defaultOperationName=cancelInvoice", e -> {
            e.getMessage().setBody(requests.cancelInvoice(TERMINAL, "1397222701693"));
            e.getMessage().setHeader("attempt", 5);
            e.getMessage().setHeader("orderId", "order-123");
        });

        assertThat(exchange.getMessage().getHeader("attempt")).isEqualTo(5);
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys("ResponseContext", "Content-Type");
        assertThat(seqr.requests().get(0).headers().keySet())
                .map(String::toLowerCase)
                .doesNotContain("attempt", "orderid");
    }

    @Test
    void requestsGoOutWithAContentLengthAndUnqualifiedChildren() throws Exception {
        start(settings(seqr.url(), 2000, false));

        template.requestBody("cxf:bean:seqr?defaultOperationName=cancelInvoice",
                requests.cancelInvoice(TERMINAL, "1397222701693"));

        StubSeqrServer.Request request = seqr.requests().get(0);
        assertThat(request.headers()).containsKey("Content-length").doesNotContainKey("Transfer-encoding");
        assertThat(request.body())
                .contains("<context><channel>WS</channel>")
                .contains("<clientRequestTimeout>0</clientRequestTimeout>")
                .contains("<invoiceReference>1397222701693</invoiceReference>");
    }

    @Test
    void loggedMessagesAndBodiesNeverShowAPassword() throws Exception {
        StringWriter log = captureLog();
        start(settings(seqr.url(), 2000, true));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:register").to("log:seqr.body?showBody=true&showHeaders=true")
                        .to("cxf:bean:seqr?defaultOperationName=registerTerminal");
            }
        });

        template.requestBody("direct:register", requests.registerTerminal("till-07", "New-Terminal-Pa55", "Till 7"));
        template.requestBody("cxf:bean:seqr?defaultOperationName=getPaymentStatus",
                requests.getPaymentStatus(TERMINAL, "1397222701693", 0));

        assertThat(log.toString())
                .contains("REQ_OUT", "RESP_IN", "registerTerminal", "getPaymentStatus", "<password>XXX</password>")
                .doesNotContain("New-Terminal-Pa55", "Reseller-Pa55", "Terminal-Pa55");
    }

    @Test
    void aTransientCodeFailsTheCallSoThatCamelRedeliveryCallsSeqrAgain() throws Exception {
        seqr.answerResultCodes(call -> call < 3 ? SeqrResultCode.SYSTEM_BUSY.code() : 0);
        start(settings(seqr.url(), 2000, false));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(10));
                from("direct:cancel").to("cxf:bean:seqr?defaultOperationName=cancelInvoice");
            }
        });

        Object reply = template.requestBody("direct:cancel", requests.cancelInvoice(TERMINAL, "1397222701693"));

        assertThat(reply).isInstanceOf(ErswsResponse.class);
        assertThat(seqr.requests()).hasSize(3)
                .allSatisfy(r -> assertThat(r.body()).contains("<invoiceReference>1397222701693</invoiceReference>"));
    }

    @Test
    void aPermanentCodeCarriesItsCodeAndNameAndKeepsTheRequestAsBody() throws Exception {
        seqr.answerResultCodes(call -> SeqrResultCode.INVOICE_STATE_NOT_RESERVED.code());
        start(settings(seqr.url(), 2000, false));
        List<Object> request = requests.commitReservation(TERMINAL, "1397222701693", java.math.BigDecimal.TEN, "SEK");

        Exchange exchange = template.send("cxf:bean:seqr?defaultOperationName=commitReservation",
                e -> e.getMessage().setBody(request));

        assertThat(exchange.getException()).isInstanceOfSatisfying(SeqrPermanentException.class, e -> {
            assertThat(e.getCode()).isEqualTo(96);
            assertThat(e.getCodeName()).isEqualTo("INVOICE_STATE_NOT_RESERVED");
            assertThat(e.getOperation()).isEqualTo("commitReservation");
        });
        assertThat(exchange.getMessage().getBody()).isSameAs(request);
    }

    @Test
    void aReceiveTimeoutLeavesTheOutcomeUnknown() throws Exception {
        seqr.delayAnswers(1500);
        start(settings(seqr.url(), 300, false));

        Exchange exchange = template.send("cxf:bean:seqr?defaultOperationName=commitReservation",
                e -> e.getMessage().setBody(
                        requests.commitReservation(TERMINAL, "1397222701693", java.math.BigDecimal.TEN, "SEK")));

        assertThat(exchange.getException()).isInstanceOf(SeqrUnknownOutcomeException.class)
                .hasMessageContaining("commitReservation");
    }

    @Test
    void eachOperationWaitsItsOwnReceiveTimeout() throws Exception {
        seqr.delayAnswers(1000);
        start(new SeqrClientSettings(seqr.url(), 1000, 300, "seqr-backoffice/test", "WS", "public_test_shop", "9900",
                "Reseller-Pa55", false, 50, Map.of("refundPayment", 3000)));
        SeqrInvoice refund = new SeqrInvoice("refund-9", "Refund", "SEK", java.math.BigDecimal.ONE, List.of(), null,
                null, null);

        Exchange refunded = template.send("cxf:bean:seqr?defaultOperationName=refundPayment",
                e -> e.getMessage().setBody(requests.refundPayment(TERMINAL, "2015102910184861801032678", refund)));
        Exchange polled = template.send("cxf:bean:seqr?defaultOperationName=getPaymentStatus",
                e -> e.getMessage().setBody(requests.getPaymentStatus(TERMINAL, "1397222701693", 0)));

        assertThat(refunded.getException()).as("refundPayment waits its 3 s for a 1 s answer").isNull();
        assertThat(polled.getException()).as("getPaymentStatus is cut at the default 300 ms")
                .isInstanceOf(SeqrUnknownOutcomeException.class);
    }

    @Test
    void operationTimeoutsAreReadFromTheirOwnSettings() {
        Map<String, String> properties = Map.of("seqr.url", "http://seqr.example/soap", "seqr.connect-timeout-ms",
                "500", "seqr.receive-timeout-ms", "800", "seqr.client-id", "c", "seqr.channel", "WS",
                "seqr.reseller.id", "shop", "seqr.reseller.user-id", "9900",
                "seqr.receive-timeout-ms.refund-payment", "15000", "seqr.receive-timeout-ms.execute-report", "60000");

        SeqrClientSettings settings = SeqrClientSettings.fromProperties(properties::get);

        assertThat(settings.receiveTimeoutMs("refundPayment")).isEqualTo(15000);
        assertThat(settings.receiveTimeoutMs("executeReport")).isEqualTo(60000);
        assertThat(settings.receiveTimeoutMs("getPaymentStatus")).isEqualTo(800);
        assertThat(SeqrClientSettings.operationTimeoutKey("markTransactionPeriod"))
                .isEqualTo("seqr.receive-timeout-ms.mark-transaction-period");
    }

    @Test
    void aSoapFaultLeavesTheOutcomeUnknown() throws Exception {
        seqr.answerSoapFaults();
        start(settings(seqr.url(), 2000, false));

        Exchange exchange = template.send("cxf:bean:seqr?defaultOperationName=refundPayment",
                e -> e.getMessage().setBody(requests.refundPayment(TERMINAL, "2015102910184861801032678",
                        new SeqrInvoice("refund-9", "Refund", "SEK", java.math.BigDecimal.ONE, List.of(), null, null,
                                null))));

        assertThat(exchange.getException()).isInstanceOf(SeqrUnknownOutcomeException.class);
    }

    @Test
    void aRefusedConnectionIsTransientBecauseNothingWasSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start(settings("http://127.0.0.1:" + closedPort + "/soap/merchant/cashregister-2", 2000, false));

        Exchange exchange = template.send("cxf:bean:seqr?defaultOperationName=cancelInvoice",
                e -> e.getMessage().setBody(requests.cancelInvoice(TERMINAL, "1397222701693")));

        assertThat(exchange.getException()).isInstanceOfSatisfying(SeqrTransientException.class,
                e -> assertThat(e.getCode()).isEqualTo(SeqrTransientException.NOT_DELIVERED));
    }

    @Test
    void sequentialCallsReuseOneConnection() throws Exception {
        start(settings(seqr.url(), 2000, false));

        for (int i = 0; i < 50; i++) {
            template.requestBody("cxf:bean:seqr?defaultOperationName=getPaymentStatus",
                    requests.getPaymentStatus(TERMINAL, "ref-" + i, 1));
        }

        Set<Integer> connections = seqr.requests().stream().map(StubSeqrServer.Request::clientPort)
                .collect(Collectors.toSet());
        assertThat(connections).hasSize(1);
    }

    @Test
    void manyParallelCallsAreInFlightTogetherAndAllSucceed() throws Exception {
        // long enough for all calls to be sent before the first answer comes back
        seqr.delayAnswers(1500);
        start(settings(seqr.url(), 10_000, false, 300));

        // each call holds its route's thread (see SeqrCxfEndpoint), so 300 routes' threads call at once
        ExecutorService routeThreads = Executors.newFixedThreadPool(300);
        List<CompletableFuture<Object>> replies = IntStream.range(0, 300)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> template.requestBody(
                        "cxf:bean:seqr?defaultOperationName=getPaymentStatus",
                        requests.getPaymentStatus(TERMINAL, "ref-" + i, 0)), routeThreads))
                .toList();

        for (CompletableFuture<Object> reply : replies) {
            assertThat(reply.get(30, TimeUnit.SECONDS)).isInstanceOf(ErswsResponse.class);
        }
        routeThreads.shutdown();
        assertThat(seqr.requests()).hasSize(300);
        assertThat(seqr.mostInFlight()).isGreaterThan(200);
    }

    private void start(SeqrClientSettings settings) {
        camel = new DefaultCamelContext();
        new SeqrEndpoints(settings).bindTo(camel);
        camel.start();
        template = camel.createProducerTemplate();
        requests = new SeqrRequests(new SeqrContexts(settings));
    }

    private static SeqrClientSettings settings(String url, int receiveTimeoutMs, boolean logMessages) {
        return settings(url, receiveTimeoutMs, logMessages, 50);
    }

    private static SeqrClientSettings settings(String url, int receiveTimeoutMs, boolean logMessages,
                                               int maxConcurrentCalls) {
        return new SeqrClientSettings(url, 1000, receiveTimeoutMs, "seqr-backoffice/test", "WS", "public_test_shop",
                "9900", "Reseller-Pa55", logMessages, maxConcurrentCalls);
    }

    /** Every log line of every logger from now on, whatever the levels in log4j2.xml. */
    private static StringWriter captureLog() {
        StringWriter out = new StringWriter();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder()
                .setName("capture-" + System.nanoTime())
                .setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%c %m%n").build())
                .build();
        appender.start();
        configuration.addAppender(appender);
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            logger.addAppender(appender, Level.ALL, null);
        }
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        return out;
    }
}
