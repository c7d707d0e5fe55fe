package com.seqrbackoffice.seqr.emulator;

import static com.seqrbackoffice.seqr.emulator.RawSoap.resellerContext;
import static com.seqrbackoffice.seqr.emulator.RawSoap.terminalContext;
import static com.seqrbackoffice.seqr.emulator.RawSoap.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqrbackoffice.seqr.api.InvoiceStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The customer app and the admin API over HTTP (CONTRACTS.md, "SEQR emulator HTTP"). */
class EmulatorHttpApiTest {

    private static final String TERMINAL = terminalContext("public_test_shop_terminal", "12345678");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SeqrEmulator emulator;
    private static RawSoap soap;

    @BeforeAll
    static void start() {
        emulator = new SeqrEmulator(EmulatorSettings.defaults().withReportDelay(Duration.ZERO).withAdminApi(true)).start();
        soap = new RawSoap(emulator.soapUrl());
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @AfterEach
    void reset() {
        emulator.clearFaults();
        emulator.setAutoConfirm(false, Duration.ZERO);
    }

    @Test
    void theAdminApiIsOffUnlessASettingTurnsItOn() throws Exception {
        try (SeqrEmulator byDefault = new SeqrEmulator(EmulatorSettings.defaults()).start()) {
            for (String path : List.of("/emulator/admin/counters", "/emulator/admin/faults", "/emulator/admin/auto-confirm")) {
                HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(URI.create(byDefault.baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(admin.statusCode()).as(path).isEqualTo(404);
                assertThat(admin.body()).contains("seqr.emulator.admin-enabled");
            }
            HttpResponse<String> faults = HTTP.send(HttpRequest.newBuilder(URI.create(byDefault.baseUrl() + "/emulator/admin/faults"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"operation\": \"sendInvoice\", \"resultCode\": 90}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(faults.statusCode()).isEqualTo(404);
            assertThat(byDefault.faults()).isEmpty();
            HttpResponse<String> app = HTTP.send(HttpRequest.newBuilder(URI.create(byDefault.baseUrl() + "/emulator/app/invoices")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(app.statusCode()).as("the customer app").isEqualTo(200);
        }
    }

    // ---- customer app ----

    @Test
    void customerAppIsAnHtmlPageWhoseButtonsCallTheJsonApi() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(uri("/emulator/app")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("Confirm", "Decline", "fetch('/emulator/app/invoices");
    }

    @Test
    void waitingInvoicesAreListedAndConfirmReservesOne() throws Exception {
        String reference = issue("77.50");

        JsonNode waiting = json(get("/emulator/app/invoices"));
        JsonNode confirmed = json(post("/emulator/app/invoices/" + reference + "/confirm", ""));

        JsonNode listed = find(waiting, reference);
        assertThat(listed.get("terminal").asText()).isEqualTo("public_test_shop_terminal");
        assertThat(listed.get("title").asText()).isEqualTo("Pump 4");
        assertThat(listed.get("amount").get("value").asText()).isEqualTo("77.50");
        assertThat(listed.get("amount").get("currency").asText()).isEqualTo("SEK");
        assertThat(listed.get("status").asText()).isEqualTo("ISSUED");
        assertThat(confirmed.get("status").asText()).isEqualTo("RESERVED");
        assertThat(find(json(get("/emulator/app/invoices")), reference)).isNull();
    }

    @Test
    void declineCancelsTheInvoice() throws Exception {
        String reference = issue("10");

        HttpResponse<String> declined = post("/emulator/app/invoices/" + reference + "/decline", "");

        assertThat(declined.statusCode()).isEqualTo(200);
        assertThat(emulator.invoice(reference).orElseThrow().status()).isEqualTo(InvoiceStatus.CANCELED);
    }

    @Test
    void confirmOfAnUnknownInvoiceIs404AndOfAnInvoiceNoLongerIssuedIs409WithAJsonError() throws Exception {
        String reference = issue("10");
        emulator.confirm(reference);

        HttpResponse<String> unknown = post("/emulator/app/invoices/123/confirm", "");
        HttpResponse<String> again = post("/emulator/app/invoices/" + reference + "/confirm", "");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).contains("123");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).contains("RESERVED");
    }

    // ---- counters ----

    @Test
    void countersShowCallsPerOperationCommitsPerInvoiceAndInvoicesPerStatus() throws Exception {
        String reference = issue("100");
        emulator.confirm(reference);
        soap.post(status(reference));
        long paidBefore = emulator.counters().invoices("PAID");

        assertThat(text(soap.post(commit(reference, "90")).returnOf("commitReservationResponse"), "resultCode"))
                .isEqualTo("0");
        assertThat(text(soap.post(commit(reference, "90")).returnOf("commitReservationResponse"), "resultCode"))
                .isEqualTo("96");

        JsonNode counters = json(get("/emulator/admin/counters"));
        assertThat(counters.get("calls").get("commitReservation").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(counters.get("commits").get(reference).asLong()).isEqualTo(2);
        assertThat(counters.get("accepted").get("commits").get(reference).asLong()).isEqualTo(1);
        assertThat(counters.get("invoices").get("PAID").asLong()).isEqualTo(paidBefore + 1);
        assertThat(counters.has("reversals")).isTrue();
    }

    // ---- faults ----

    @Test
    void failNextFaultAnswersTheGivenResultCodeForThatManyCallsThenClearsItself() throws Exception {
        String reference = issue("10");
        HttpResponse<String> set = put("/emulator/admin/faults",
                "{\"operation\":\"getPaymentStatus\",\"resultCode\":94,\"failNext\":2}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(resultCode(soap.post(status(reference)))).isEqualTo("94");
        Element second = soap.post(status(reference)).returnOf("getPaymentStatusResponse");
        assertThat(text(second, "resultCode")).isEqualTo("94");
        assertThat(text(second, "resultDescription")).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(resultCode(soap.post(status(reference)))).isEqualTo("0");
        assertThat(json(get("/emulator/admin/faults"))).isEmpty();
    }

    @Test
    void soapFaultFaultAnswersASoapFaultWithoutRunningTheOperation() throws Exception {
        String reference = issue("10");
        put("/emulator/admin/faults", "{\"operation\":\"cancelInvoice\",\"soapFault\":true,\"failNext\":1}");

        RawSoap.Answer answer = soap.post("<ext:cancelInvoice>" + TERMINAL + "<invoiceReference>" + reference
                + "</invoiceReference></ext:cancelInvoice>");

        assertThat(answer.httpStatus()).isEqualTo(500);
        Element body = RawSoap.child(answer.document().getDocumentElement(), RawSoap.SOAP_ENV, "Body");
        assertThat(RawSoap.child(body, RawSoap.SOAP_ENV, "Fault")).isNotNull();
        assertThat(emulator.invoice(reference).orElseThrow().status()).isEqualTo(InvoiceStatus.ISSUED);
    }

    @Test
    void droppedCommitResponseTimesTheClientOutButThePaymentIsMade() throws Exception {
        String reference = issue("100");
        emulator.confirm(reference);
        soap.post(status(reference));
        put("/emulator/admin/faults",
                "{\"operation\":\"commitReservation\",\"dropResponse\":true,\"holdMillis\":3000,\"failNext\":1}");
        HttpRequest commit = HttpRequest.newBuilder(URI.create(emulator.soapUrl()))
                .timeout(Duration.ofMillis(500))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope(commit(reference, "80"))))
                .build();

        assertThatThrownBy(() -> HTTP.send(commit, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        Element status = soap.post(status(reference)).returnOf("getPaymentStatusResponse");
        assertThat(text(status, "status")).isEqualTo("PAID");
        assertThat(emulator.counters().commits(reference)).isEqualTo(1);
    }

    @Test
    void latencyFaultDelaysTheAnswer() throws Exception {
        put("/emulator/admin/faults", "{\"operation\":\"benchmarkingNop\",\"latencyMillis\":300}");

        long started = System.nanoTime();
        RawSoap.Answer answer = soap.post("<ext:benchmarkingNop/>");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(text(answer.returnOf("benchmarkingNopResponse"), "resultCode")).isEqualTo("0");
    }

    @Test
    void deleteClearsEveryFault() throws Exception {
        put("/emulator/admin/faults", "[{\"operation\":\"sendInvoice\",\"resultCode\":93},"
                + "{\"operation\":\"getPaymentStatus\",\"resultCode\":93}]");
        assertThat(json(get("/emulator/admin/faults"))).hasSize(2);

        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(uri("/emulator/admin/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(get("/emulator/admin/faults"))).isEmpty();
        assertThat(issue("1")).isNotBlank();
    }

    @Test
    void faultForAnUnknownOperationIsRefusedWith400() throws Exception {
        HttpResponse<String> response = put("/emulator/admin/faults", "{\"operation\":\"commit\",\"resultCode\":90}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("commitReservation");
    }

    // ---- auto-confirm ----

    @Test
    void autoConfirmSwitchedOnAtRunTimeConfirmsNewInvoicesAfterTheDelay() throws Exception {
        HttpResponse<String> switched = put("/emulator/admin/auto-confirm", "{\"enabled\": true, \"delayMillis\": 500}");
        assertThat(json(switched).get("enabled").asBoolean()).isTrue();

        String reference = issue("25");

        assertThat(emulator.invoice(reference).orElseThrow().status()).isEqualTo(InvoiceStatus.ISSUED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(emulator.invoice(reference).orElseThrow().status()).isEqualTo(InvoiceStatus.RESERVED));
    }

    @Test
    void autoConfirmWithoutDelayReservesBeforeTheFirstPoll() throws Exception {
        put("/emulator/admin/auto-confirm", "{\"enabled\": true, \"delayMillis\": 0}");

        String reference = issue("25");

        assertThat(text(soap.post(status(reference)).returnOf("getPaymentStatusResponse"), "status"))
                .isEqualTo("RESERVED");
    }

    // ---- seeding ----

    @Test
    void seededPaymentIsPaidAndAppearsInTheShopReport() throws Exception {
        HttpResponse<String> seeded = post("/emulator/admin/payments", "{\"terminalId\":\"public_test_shop_terminal\","
                + "\"amount\":{\"value\":\"12.34\",\"currency\":\"SEK\"},\"clientInvoiceId\":\"ghost-1\"}");

        assertThat(seeded.statusCode()).isEqualTo(201);
        JsonNode payment = json(seeded);
        assertThat(payment.get("status").asText()).isEqualTo("PAID");
        String ersReference = payment.get("ersReference").asText();
        String reseller = resellerContext("public_test_shop", "9900", "1234");
        String periodId = text(soap.post("<ext:markTransactionPeriod>" + reseller + "</ext:markTransactionPeriod>")
                .returnOf("markTransactionPeriodResponse"), "transactionPeriodId");
        Element report = soap.post("<ext:executeReport>" + reseller + "<reportId>Reconciliation/Shop.xml</reportId>"
                + "<language>en</language><parameters><parameter><entry><key>transactionPeriodId</key><value>"
                + periodId + "</value></entry></parameter></parameters></ext:executeReport>")
                .returnOf("executeReportResponse");
        assertThat(text(report, "resultCode")).isEqualTo("0");
        assertThat(text(RawSoap.child(report, null, "report"), "contentString"))
                .contains("<ErsReference>" + ersReference + "</ErsReference>", "<ClientInvoiceId>ghost-1</ClientInvoiceId>");
    }

    // ---- helpers ----

    private static String issue(String amount) throws Exception {
        Element result = soap.post("<ext:sendInvoice>" + TERMINAL + "<invoice>"
                + "<paymentMode>RESERVATION_REQUIRED_PRELIMINARY_AMOUNT</paymentMode>"
                + "<acknowledgmentMode>NO_ACKNOWLEDGMENT</acknowledgmentMode><issueDate>2026-11-27T10:00:00</issueDate>"
                + "<title>Pump 4</title><clientInvoiceId>order-http</clientInvoiceId>"
                + "<totalAmount><currency>SEK</currency><value>" + amount + "</value></totalAmount>"
                + "<cashierId>anna</cashierId><footer>-</footer>"
                + "<commitReservationTimeout>3600</commitReservationTimeout></invoice></ext:sendInvoice>")
                .returnOf("sendInvoiceResponse");
        assertThat(text(result, "resultCode")).isEqualTo("0");
        return text(result, "invoiceReference");
    }

    private static String status(String reference) {
        return "<ext:getPaymentStatus>" + TERMINAL + "<invoiceReference>" + reference
                + "</invoiceReference><invoiceVersion>0</invoiceVersion></ext:getPaymentStatus>";
    }

    private static String commit(String reference, String amount) {
        return "<ext:commitReservation>" + TERMINAL + "<amount><currency>SEK</currency><value>" + amount
                + "</value></amount><invoiceReference>" + reference + "</invoiceReference></ext:commitReservation>";
    }

    private static String envelope(String operation) {
        return "<soapenv:Envelope xmlns:soapenv=\"" + RawSoap.SOAP_ENV + "\" xmlns:ext=\"" + RawSoap.NS + "\">"
                + "<soapenv:Body>" + operation + "</soapenv:Body></soapenv:Envelope>";
    }

    private static String resultCode(RawSoap.Answer answer) {
        return text(answer.returnOf("getPaymentStatusResponse"), "resultCode");
    }

    private static JsonNode find(JsonNode invoices, String reference) {
        for (JsonNode invoice : invoices) {
            if (invoice.get("invoiceReference").asText().equals(reference)) {
                return invoice;
            }
        }
        return null;
    }

    private static URI uri(String path) {
        return URI.create(emulator.baseUrl() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        return JSON.readTree(response.body());
    }
}
