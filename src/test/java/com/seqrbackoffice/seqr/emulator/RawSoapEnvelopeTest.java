package com.seqrbackoffice.seqr.emulator;

import static com.seqrbackoffice.seqr.emulator.RawSoap.childNames;
import static com.seqrbackoffice.seqr.emulator.RawSoap.resellerContext;
import static com.seqrbackoffice.seqr.emulator.RawSoap.terminalContext;
import static com.seqrbackoffice.seqr.emulator.RawSoap.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** SOAP envelopes written as in SEQR's docs (API.md §8) against the emulator over HTTP, answers read element by element. */
class RawSoapEnvelopeTest {

    private static final String TERMINAL = terminalContext("public_test_shop_terminal", "12345678");
    private static SeqrEmulator emulator;
    private static RawSoap soap;

    @BeforeAll
    static void start() {
        emulator = new SeqrEmulator(EmulatorSettings.defaults()).start();
        soap = new RawSoap(emulator.soapUrl());
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void sendInvoiceInPreliminaryModeAnswersReferenceAndQrCodeInSchemaOrder() throws Exception {
        RawSoap.Answer answer = soap.post(preliminaryInvoice("500", "order-raw-1"));

        assertThat(answer.httpStatus()).isEqualTo(200);
        Element result = answer.returnOf("sendInvoiceResponse");
        assertThat(childNames(result)).containsExactly("resultCode", "resultDescription", "invoiceQRCode",
                "invoiceReference");
        assertThat(text(result, "resultCode")).isEqualTo("0");
        assertThat(text(result, "resultDescription")).isEqualTo("SUCCESS");
        String reference = text(result, "invoiceReference");
        assertThat(reference).matches("\\d{13,}");
        assertThat(text(result, "invoiceQRCode")).isEqualTo("HTTP://SEQR.SE/R" + reference);
        assertThat(emulator.invoice(reference)).get().satisfies(invoice -> {
            assertThat(invoice.paymentMode()).isEqualTo("RESERVATION_REQUIRED_PRELIMINARY_AMOUNT");
            assertThat(invoice.clientInvoiceId()).isEqualTo("order-raw-1");
        });
    }

    @Test
    void getPaymentStatusOfANewInvoiceIsIssuedAtVersion0WithoutErsReference() throws Exception {
        String reference = issue("order-raw-2");

        Element result = soap.post(status(reference, 0)).returnOf("getPaymentStatusResponse");

        assertThat(childNames(result)).containsExactly("resultCode", "resultDescription", "status", "version");
        assertThat(text(result, "resultCode")).isEqualTo("0");
        assertThat(text(result, "status")).isEqualTo("ISSUED");
        assertThat(text(result, "version")).isEqualTo("0");
    }

    @Test
    void getPaymentStatusAcceptsInvoiceVersionBeforeInvoiceReferenceAsInSeqrsExample() throws Exception {
        String reference = issue("order-raw-3");

        Element result = soap.post("<ext:getPaymentStatus>" + TERMINAL + "<invoiceVersion>0</invoiceVersion>"
                + "<invoiceReference>" + reference + "</invoiceReference></ext:getPaymentStatus>")
                .returnOf("getPaymentStatusResponse");

        assertThat(text(result, "resultCode")).isEqualTo("0");
        assertThat(text(result, "status")).isEqualTo("ISSUED");
    }

    @Test
    void getPaymentStatusOfAnUnknownReferenceIsRefusedWithCode54() throws Exception {
        Element result = soap.post(status("999", 0)).returnOf("getPaymentStatusResponse");

        assertThat(text(result, "resultCode")).isEqualTo("54");
        assertThat(text(result, "resultDescription")).isEqualTo("INVALID_INVOICE_REFERENCE");
    }

    @Test
    void commitReservationWithAmountPaysTheFinalAmountAndStatusCarriesReceiptAndErsReference() throws Exception {
        String reference = issue("order-raw-4");
        emulator.confirm(reference);
        assertThat(text(soap.post(status(reference, 0)).returnOf("getPaymentStatusResponse"), "status"))
                .isEqualTo("RESERVED");

        Element commit = soap.post("<ext:commitReservation>" + TERMINAL
                + "<amount><currency>SEK</currency><value>420.50</value></amount>"
                + "<invoiceReference>" + reference + "</invoiceReference></ext:commitReservation>")
                .returnOf("commitReservationResponse");

        assertThat(childNames(commit)).containsExactly("resultCode", "resultDescription");
        assertThat(text(commit, "resultCode")).isEqualTo("0");
        Element status = soap.post(status(reference, 1)).returnOf("getPaymentStatusResponse");
        assertThat(childNames(status)).containsExactly("ersReference", "resultCode", "resultDescription", "status",
                "receipt", "version");
        assertThat(text(status, "ersReference")).matches("\\d{25}");
        assertThat(text(status, "status")).isEqualTo("PAID");
        assertThat(text(status, "version")).isEqualTo("2");
        Element receipt = RawSoap.child(status, null, "receipt");
        assertThat(text(receipt, "invoiceReference")).isEqualTo(reference);
        assertThat(text(receipt, "paymentReference")).isEqualTo(text(status, "ersReference"));
        assertThat(text(receipt, "clientInvoiceId")).isEqualTo("order-raw-4");
        assertThat(text(receipt, "terminalId")).isEqualTo("public_test_shop_terminal");
        assertThat(emulator.invoice(reference).orElseThrow().paidAmount().value()).isEqualTo("420.50");
    }

    @Test
    void cancelInvoiceCancelsAnIssuedInvoiceAndASecondCancelIsRefusedWithCode95() throws Exception {
        String reference = issue("order-raw-5");
        String cancel = "<ext:cancelInvoice>" + TERMINAL + "<invoiceReference>" + reference
                + "</invoiceReference></ext:cancelInvoice>";

        Element first = soap.post(cancel).returnOf("cancelInvoiceResponse");
        Element second = soap.post(cancel).returnOf("cancelInvoiceResponse");

        assertThat(text(first, "resultCode")).isEqualTo("0");
        assertThat(text(second, "resultCode")).isEqualTo("95");
        assertThat(text(second, "resultDescription")).isEqualTo("INVOICE_ALREADY_CANCELED");
        assertThat(text(soap.post(status(reference, 0)).returnOf("getPaymentStatusResponse"), "status"))
                .isEqualTo("CANCELED");
    }

    @Test
    void registerTerminalAsResellerAnswersA32HexTerminalIdThatCanSendInvoices() throws Exception {
        Element result = soap.post("<ext:registerTerminal>" + resellerContext("public_test_shop", "9900", "1234")
                + "<externalTerminalId>till-raw-1</externalTerminalId><password>till-secret</password>"
                + "<name>Till 1, Main St</name></ext:registerTerminal>").returnOf("registerTerminalResponse");

        assertThat(childNames(result)).containsExactly("resultCode", "resultDescription", "terminalId");
        assertThat(text(result, "resultCode")).isEqualTo("0");
        String terminalId = text(result, "terminalId");
        assertThat(terminalId).matches("[0-9a-f]{32}");
        Element send = soap.post(preliminaryInvoice(terminalContext(terminalId, "till-secret"), "10", "order-raw-6"))
                .returnOf("sendInvoiceResponse");
        assertThat(text(send, "resultCode")).isEqualTo("0");
    }

    @Test
    void wrongTerminalPasswordIsRefusedWithCode20InANormalResponse() throws Exception {
        RawSoap.Answer answer = soap.post(preliminaryInvoice(terminalContext("public_test_shop_terminal", "wrong"),
                "500", "order-raw-7"));

        assertThat(answer.httpStatus()).isEqualTo(200);
        Element result = answer.returnOf("sendInvoiceResponse");
        assertThat(childNames(result)).containsExactly("resultCode", "resultDescription");
        assertThat(text(result, "resultCode")).isEqualTo("20");
        assertThat(text(result, "resultDescription")).isEqualTo("AUTHENTICATION_FAILED");
    }

    @Test
    void unknownTerminalIsRefusedWithCode29AndUnknownResellerWithCode37() throws Exception {
        Element terminal = soap.post(status("1", 0).replace("public_test_shop_terminal", "no-such-terminal"))
                .returnOf("getPaymentStatusResponse");
        Element reseller = soap.post("<ext:markTransactionPeriod>" + resellerContext("public_test_shop", "1", "1234")
                + "</ext:markTransactionPeriod>").returnOf("markTransactionPeriodResponse");

        assertThat(text(terminal, "resultCode")).isEqualTo("29");
        assertThat(text(reseller, "resultCode")).isEqualTo("37");
    }

    @Test
    void wsdlIsServedWithTheEmulatorsOwnAddress() throws Exception {
        HttpResponse<byte[]> wsdl = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulator.soapUrl() + "?wsdl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(wsdl.statusCode()).isEqualTo(200);
        Element definitions = RawSoap.parse(wsdl.body()).getDocumentElement();
        assertThat(definitions.getAttribute("targetNamespace")).isEqualTo(RawSoap.NS);
        assertThat(new String(wsdl.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("location=\"" + emulator.soapUrl() + "\"");
    }

    private static String issue(String clientInvoiceId) throws Exception {
        Element result = soap.post(preliminaryInvoice("500", clientInvoiceId)).returnOf("sendInvoiceResponse");
        assertThat(text(result, "resultCode")).isEqualTo("0");
        return text(result, "invoiceReference");
    }

    private static String status(String reference, int version) {
        return "<ext:getPaymentStatus>" + TERMINAL + "<invoiceReference>" + reference + "</invoiceReference>"
                + "<invoiceVersion>" + version + "</invoiceVersion></ext:getPaymentStatus>";
    }

    private static String preliminaryInvoice(String amount, String clientInvoiceId) {
        return preliminaryInvoice(TERMINAL, amount, clientInvoiceId);
    }

    private static String preliminaryInvoice(String context, String amount, String clientInvoiceId) {
        return "<ext:sendInvoice>" + context + "<invoice>"
                + "<paymentMode>RESERVATION_REQUIRED_PRELIMINARY_AMOUNT</paymentMode>"
                + "<acknowledgmentMode>NO_ACKNOWLEDGMENT</acknowledgmentMode><issueDate>2015-12-25T12:34:56</issueDate>"
                + "<title>Pump 4</title><clientInvoiceId>" + clientInvoiceId + "</clientInvoiceId>"
                + "<invoiceRows><invoiceRow><itemDescription>Fuel 95</itemDescription><itemQuantity>1</itemQuantity>"
                + "<itemTotalAmount><currency>SEK</currency><value>" + amount + "</value></itemTotalAmount>"
                + "</invoiceRow></invoiceRows>"
                + "<totalAmount><currency>SEK</currency><value>" + amount + "</value></totalAmount>"
                + "<cashierId>anna</cashierId><footer>Thank you</footer>"
                + "<commitReservationTimeout>3600</commitReservationTimeout></invoice></ext:sendInvoice>";
    }
}
