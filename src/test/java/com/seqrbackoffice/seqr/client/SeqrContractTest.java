package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.ErswsExecuteReportResponse;
import com.seqrbackoffice.seqr.api.ErswsMarkTransactionPeriodResponse;
import com.seqrbackoffice.seqr.api.ErswsPaymentStatusResponse;
import com.seqrbackoffice.seqr.api.ErswsRegisterTerminalResponse;
import com.seqrbackoffice.seqr.api.ErswsResponse;
import com.seqrbackoffice.seqr.api.ErswsSendInvoiceResponse;
import com.seqrbackoffice.seqr.api.InvoiceStatus;
import com.seqrbackoffice.seqr.emulator.EmulatorSettings;
import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.seqr.emulator.SeqrEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every SEQR operation the routes use, through {@code cxf:bean:seqr} over HTTP against the emulator, with the
 * result codes SEQR documents for it (API.md §6). Each test works on terminals of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeqrContractTest {

    private static final String TERMINAL_PASSWORD = "Till-Pa55";
    private static final String SHOP_REPORT = "Reconciliation/Shop.xml";
    private static final String TERMINAL_REPORT = "Reconciliation/STD_RECON_006.xml";
    private static final Duration REPORT_DELAY = Duration.ofMillis(700);

    private SeqrEmulator emulator;
    private CamelContext camel;
    private ProducerTemplate template;
    private SeqrClientSettings settings;
    private SeqrRequests requests;

    @BeforeAll
    void start() {
        emulator = new SeqrEmulator(EmulatorSettings.defaults().withReportDelay(REPORT_DELAY)).start();
        // The production timeouts of config/application.properties
        settings = new SeqrClientSettings(emulator.soapUrl(), 500, 800, "seqr-backoffice/contract-test", "WS",
                EmulatorSettings.PUBLIC_TEST_SHOP.id(), EmulatorSettings.PUBLIC_TEST_SHOP.userId(),
                EmulatorSettings.PUBLIC_TEST_SHOP.password(), false,
                SeqrClientSettings.DEFAULT_MAX_CONCURRENT_CALLS);
        camel = new DefaultCamelContext();
        new SeqrEndpoints(settings).bindTo(camel);
        camel.start();
        template = camel.createProducerTemplate();
        requests = new SeqrRequests(new SeqrContexts(settings));
    }

    @AfterAll
    void stop() {
        camel.stop();
        emulator.stop();
    }

    @AfterEach
    void clearFaults() {
        emulator.clearFaults();
    }

    @Nested
    class RegisterTerminal {

        @Test
        void returnsSeqrsTerminalIdThatAuthenticatesPaymentCalls() {
            ErswsRegisterTerminalResponse response = call("registerTerminal",
                    requests.registerTerminal("till-" + UUID.randomUUID(), TERMINAL_PASSWORD, "Till 7, Main St"));

            assertThat(response.getTerminalId()).matches("[0-9a-f]{32}");
            assertThat(call("unregisterTerminal",
                    requests.unregisterTerminal(new TerminalCredentials(response.getTerminalId(), TERMINAL_PASSWORD)))
                    .getResultCode()).isZero();
        }

        @Test
        void aWrongResellerPasswordIsRefusedWith20() {
            SeqrRequests wrongPassword = resellerRequests(settings.resellerId(), settings.resellerUserId(), "wrong");

            assertPermanent(20, "registerTerminal", wrongPassword.registerTerminal("till-x", TERMINAL_PASSWORD, "x"));
        }

        @Test
        void anUnknownResellerIsRefusedWith37() {
            SeqrRequests unknown = resellerRequests("no_such_shop", "9900", "1234");

            assertPermanent(37, "registerTerminal", unknown.registerTerminal("till-x", TERMINAL_PASSWORD, "x"));
        }
    }

    @Nested
    class UnregisterTerminal {

        @Test
        void theTerminalIsUnknownAfterwards() {
            TerminalCredentials terminal = newTerminal();

            call("unregisterTerminal", requests.unregisterTerminal(terminal));

            assertPermanent(29, "assignSeqrId", requests.assignSeqrId(terminal, "GONE" + suffix()));
        }

        @Test
        void aWrongPasswordIsRefusedWith20() {
            TerminalCredentials terminal = newTerminal();

            assertPermanent(20, "unregisterTerminal",
                    requests.unregisterTerminal(new TerminalCredentials(terminal.seqrTerminalId(), "wrong-pass")));
        }

        @Test
        void anUnknownTerminalIsRefusedWith29() {
            assertPermanent(29, "unregisterTerminal",
                    requests.unregisterTerminal(new TerminalCredentials("no-such-terminal", TERMINAL_PASSWORD)));
        }

        @Test
        void aPasswordShorterThanFourCharactersIsRefusedWith21() {
            TerminalCredentials terminal = newTerminal("abc");

            assertPermanent(21, "unregisterTerminal", requests.unregisterTerminal(terminal));
        }
    }

    @Nested
    class AssignSeqrId {

        @Test
        void anAlphanumericIdIsAccepted() {
            assertThat(call("assignSeqrId", requests.assignSeqrId(newTerminal(), "MAINST" + suffix()))
                    .getResultCode()).isZero();
        }

        @Test
        void anIdThatIsNotAlphanumericIsRefusedWith53() {
            assertPermanent(53, "assignSeqrId", requests.assignSeqrId(newTerminal(), "MAIN-ST 07"));
        }

        @Test
        void anIdOfAnotherTerminalIsRefusedWith53() {
            String seqrId = "TAKEN" + suffix();
            call("assignSeqrId", requests.assignSeqrId(newTerminal(), seqrId));

            assertPermanent(53, "assignSeqrId", requests.assignSeqrId(newTerminal(), seqrId));
        }

        @Test
        void anUnknownTerminalIsRefusedWith29() {
            assertPermanent(29, "assignSeqrId",
                    requests.assignSeqrId(new TerminalCredentials("no-such-terminal", TERMINAL_PASSWORD), "X1"));
        }
    }

    @Nested
    class SendInvoice {

        @Test
        void issuesAPreliminaryInvoiceWithItsQrCode() {
            TerminalCredentials terminal = newTerminal();
            ErswsSendInvoiceResponse response = call("sendInvoice",
                    requests.sendInvoice(terminal, invoice("order-" + suffix(), "500.00")));

            assertThat(response.getInvoiceReference()).isNotBlank();
            assertThat(response.getInvoiceQRCode()).isEqualTo("HTTP://SEQR.SE/R" + response.getInvoiceReference());
            assertThat(emulator.invoice(response.getInvoiceReference())).hasValueSatisfying(view -> {
                assertThat(view.status()).isEqualTo(InvoiceStatus.ISSUED);
                assertThat(view.paymentMode()).isEqualTo("RESERVATION_REQUIRED_PRELIMINARY_AMOUNT");
                assertThat(view.amount().value()).isEqualTo("500.00");
                assertThat(view.amount().currency()).isEqualTo("SEK");
            });
        }

        @Test
        void aNewInvoiceCancelsTheTerminalsOpenOne() {
            TerminalCredentials terminal = newTerminal();
            String first = issue(terminal, "100.00");

            issue(terminal, "200.00");

            assertThat(status(terminal, first).getStatus()).isEqualTo(InvoiceStatus.CANCELED);
        }

        @Test
        void rowsThatDoNotSumToTheTotalAreRefusedWith49() {
            SeqrInvoice invoice = new SeqrInvoice("order-" + suffix(), "Pump 4", "SEK", new BigDecimal("500.00"),
                    List.of(row("400.00")), null, null, 3600L);

            assertPermanent(49, "sendInvoice", requests.sendInvoice(newTerminal(), invoice));
        }

        @Test
        void aWrongPasswordIsRefusedWith20() {
            TerminalCredentials terminal = newTerminal();

            assertPermanent(20, "sendInvoice", requests.sendInvoice(
                    new TerminalCredentials(terminal.seqrTerminalId(), "wrong-pass"), invoice("o", "1.00")));
        }

        @Test
        void aPasswordShorterThanFourCharactersIsRefusedWith21() {
            assertPermanent(21, "sendInvoice", requests.sendInvoice(newTerminal("abc"), invoice("o", "1.00")));
        }

        @Test
        void anUnknownTerminalIsRefusedWith29() {
            assertPermanent(29, "sendInvoice", requests.sendInvoice(
                    new TerminalCredentials("no-such-terminal", TERMINAL_PASSWORD), invoice("o", "1.00")));
        }
    }

    @Nested
    class GetPaymentStatus {

        @Test
        void reportsEachStatusWithAHigherVersionAndTheReceiptOncePaid() {
            TerminalCredentials terminal = newTerminal();
            String reference = issue(terminal, "500.00");
            ErswsPaymentStatusResponse issued = status(terminal, reference);

            emulator.confirm(reference);
            ErswsPaymentStatusResponse reserved = status(terminal, reference);
            call("commitReservation", requests.commitReservation(terminal, reference, new BigDecimal("420.00"), "SEK"));
            ErswsPaymentStatusResponse paid = status(terminal, reference, reserved.getVersion());

            assertThat(issued.getStatus()).isEqualTo(InvoiceStatus.ISSUED);
            assertThat(reserved.getStatus()).isEqualTo(InvoiceStatus.RESERVED);
            assertThat(reserved.getVersion()).isGreaterThan(issued.getVersion());
            assertThat(paid.getStatus()).isEqualTo(InvoiceStatus.PAID);
            assertThat(paid.getVersion()).isGreaterThan(reserved.getVersion());
            assertThat(paid.getErsReference()).isNotBlank();
            assertThat(paid.getReceipt()).isNotNull();
        }

        @Test
        void anInvoiceOfAnotherTerminalIsRefusedWith54() {
            String reference = issue(newTerminal(), "10.00");

            assertPermanent(54, "getPaymentStatus", requests.getPaymentStatus(newTerminal(), reference, 0));
        }

        @Test
        void aPasswordShorterThanFourCharactersIsRefusedWith21() {
            assertPermanent(21, "getPaymentStatus", requests.getPaymentStatus(newTerminal("abc"), "1", 0));
        }
    }

    @Nested
    class UpdateInvoice {

        @Test
        void replacesTheRowsOfAReservedInvoiceBeforeTheCommit() {
            TerminalCredentials terminal = newTerminal();
            String reference = reserve(terminal, "500.00");

            ErswsResponse response = call("updateInvoice",
                    requests.updateInvoice(terminal, reference, invoice("order-final", "420.00")));

            assertThat(response.getResultCode()).isZero();
            assertThat(emulator.invoice(reference)).hasValueSatisfying(
                    view -> assertThat(view.amount().value()).isEqualTo("420.00"));
        }

        @Test
        void rowsThatDoNotSumToTheTotalAreRefusedWith49() {
            TerminalCredentials terminal = newTerminal();
            String reference = reserve(terminal, "500.00");
            SeqrInvoice update = new SeqrInvoice("order-final", "Pump 4", "SEK", new BigDecimal("420.00"),
                    List.of(row("400.00")), null, null, 3600L);

            assertPermanent(49, "updateInvoice", requests.updateInvoice(terminal, reference, update));
        }

        @Test
        void anotherCurrencyIsRefusedWith49() {
            TerminalCredentials terminal = newTerminal();
            String reference = reserve(terminal, "500.00");
            SeqrInvoice update = new SeqrInvoice("order-final", "Pump 4", "EUR", new BigDecimal("42.00"),
                    List.of(row("42.00")), null, null, 3600L);

            assertPermanent(49, "updateInvoice", requests.updateInvoice(terminal, reference, update));
        }
    }

    @Nested
    class CommitReservation {

        @Test
        void aLowerFinalAmountIsChargedOnce() {
            TerminalCredentials terminal = newTerminal();
            String reference = reserve(terminal, "500.00");

            call("commitReservation", requests.commitReservation(terminal, reference, new BigDecimal("420.00"), "SEK"));

            assertThat(emulator.invoice(reference)).hasValueSatisfying(view -> {
                assertThat(view.status()).isEqualTo(InvoiceStatus.PAID);
                assertThat(view.paidAmount().value()).isEqualTo("420.00");
            });
            assertThat(emulator.counters().commits(reference)).isEqualTo(1);
        }

        @Test
        void aCommitOfAnInvoiceThatIsNotReservedIsRefusedWith96() {
            TerminalCredentials terminal = newTerminal();
            String reference = issue(terminal, "500.00");

            assertPermanent(96, "commitReservation",
                    requests.commitReservation(terminal, reference, new BigDecimal("500.00"), "SEK"));
        }

        @Test
        void aSecondCommitIsRefusedWith96() {
            TerminalCredentials terminal = newTerminal();
            String reference = reserve(terminal, "500.00");
            call("commitReservation", requests.commitReservation(terminal, reference, new BigDecimal("420.00"), "SEK"));

            assertPermanent(96, "commitReservation",
                    requests.commitReservation(terminal, reference, new BigDecimal("420.00"), "SEK"));
        }

        @Test
        void aCommitAfterTheReservationExpiredIsRefusedWith96() {
            TerminalCredentials terminal = newTerminal();
            SeqrInvoice shortLived = new SeqrInvoice("order-" + suffix(), "Pump 4", "SEK", new BigDecimal("50.00"),
                    List.of(row("50.00")), null, null, 1L);
            String reference = issue(terminal, shortLived);
            emulator.confirm(reference);
            status(terminal, reference);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> emulator.invoice(reference).orElseThrow().status() == InvoiceStatus.EXPIRED);

            assertPermanent(96, "commitReservation",
                    requests.commitReservation(terminal, reference, new BigDecimal("50.00"), "SEK"));
        }

        @Test
        void anAmountAboveTheReservationIsRefusedWith11() {
            TerminalCredentials terminal = newTerminal();
            String reference = reserve(terminal, "500.00");

            assertPermanent(11, "commitReservation",
                    requests.commitReservation(terminal, reference, new BigDecimal("500.01"), "SEK"));
        }

        @Test
        void aLostAnswerIsAnUnknownOutcomeThatGetPaymentStatusResolves() {
            TerminalCredentials terminal = newTerminal();
            String reference = reserve(terminal, "500.00");
            emulator.setFault(FaultSpec.dropResponse("commitReservation", 2_000, 1));

            assertThatThrownBy(() -> call("commitReservation",
                    requests.commitReservation(terminal, reference, new BigDecimal("420.00"), "SEK")))
                    .isInstanceOf(SeqrUnknownOutcomeException.class);

            assertThat(status(terminal, reference).getStatus()).isEqualTo(InvoiceStatus.PAID);
        }
    }

    @Nested
    class CancelInvoice {

        @Test
        void anIssuedInvoiceIsCanceled() {
            TerminalCredentials terminal = newTerminal();
            String reference = issue(terminal, "500.00");

            call("cancelInvoice", requests.cancelInvoice(terminal, reference));

            assertThat(status(terminal, reference).getStatus()).isEqualTo(InvoiceStatus.CANCELED);
        }

        @Test
        void aReservedInvoiceIsCanceled() {
            TerminalCredentials terminal = newTerminal();
            String reference = reserve(terminal, "500.00");

            call("cancelInvoice", requests.cancelInvoice(terminal, reference));

            assertThat(status(terminal, reference).getStatus()).isEqualTo(InvoiceStatus.CANCELED);
        }

        @Test
        void aPaidInvoiceIsRefusedWith50() {
            TerminalCredentials terminal = newTerminal();
            String reference = pay(terminal, "500.00", "500.00");

            assertPermanent(50, "cancelInvoice", requests.cancelInvoice(terminal, reference));
        }

        @Test
        void aCanceledInvoiceIsRefusedWith95() {
            TerminalCredentials terminal = newTerminal();
            String reference = issue(terminal, "500.00");
            call("cancelInvoice", requests.cancelInvoice(terminal, reference));

            assertPermanent(95, "cancelInvoice", requests.cancelInvoice(terminal, reference));
        }
    }

    @Nested
    class RefundPayment {

        @Test
        void partialRefundsUpToThePaidSumAreAcceptedAndMoreIsRefusedWith98() {
            TerminalCredentials terminal = newTerminal();
            String reference = pay(terminal, "500.00", "420.00");
            String ersReference = status(terminal, reference).getErsReference();

            assertThat(call("refundPayment", requests.refundPayment(terminal, ersReference, refund("20.00")))
                    .getResultCode()).isZero();
            assertThat(call("refundPayment", requests.refundPayment(terminal, ersReference, refund("400.00")))
                    .getResultCode()).isZero();
            assertPermanent(98, "refundPayment", requests.refundPayment(terminal, ersReference, refund("0.01")));
            assertThat(emulator.invoice(reference)).hasValueSatisfying(
                    view -> assertThat(view.refundedAmount().value()).isEqualTo("420.00"));
        }

        @Test
        void anUnknownErsReferenceIsRefusedWith23() {
            assertPermanent(23, "refundPayment",
                    requests.refundPayment(newTerminal(), "2015102910184861801032678", refund("1.00")));
        }
    }

    @Nested
    class MarkTransactionPeriod {

        @Test
        void marksAShopPeriodAndATerminalPeriodWith25DigitIds() {
            TerminalCredentials terminal = newTerminal();

            ErswsMarkTransactionPeriodResponse shop = call("markTransactionPeriod",
                    requests.markTransactionPeriod(null));
            ErswsMarkTransactionPeriodResponse single = call("markTransactionPeriod",
                    requests.markTransactionPeriod(terminal.seqrTerminalId()));

            assertThat(shop.getTransactionPeriodId()).matches("\\d{25}");
            assertThat(single.getTransactionPeriodId()).matches("\\d{25}").isNotEqualTo(shop.getTransactionPeriodId());
        }

        @Test
        void aWrongResellerPasswordIsRefusedWith20() {
            assertPermanent(20, "markTransactionPeriod",
                    resellerRequests(settings.resellerId(), settings.resellerUserId(), "wrong")
                            .markTransactionPeriod(null));
        }

        @Test
        void anUnknownResellerIsRefusedWith37() {
            assertPermanent(37, "markTransactionPeriod",
                    resellerRequests("no_such_shop", "9900", "1234").markTransactionPeriod(null));
        }
    }

    @Nested
    class ExecuteReport {

        @Test
        void answersReportNotReadyAsTransientThenTheTerminalsTransactions() {
            TerminalCredentials terminal = newTerminal();
            call("markTransactionPeriod", requests.markTransactionPeriod(terminal.seqrTerminalId()));
            String reference = pay(terminal, "500.00", "420.00");
            String periodId = mark(terminal).getTransactionPeriodId();
            List<Object> report = requests.executeReport(TERMINAL_REPORT, "en", periodId, terminal.seqrTerminalId());

            assertThatThrownBy(() -> call("executeReport", report))
                    .isInstanceOfSatisfying(SeqrTransientException.class,
                            e -> assertThat(e.getCode()).isEqualTo(SeqrResultCode.REPORT_NOT_READY.code()));

            ErswsExecuteReportResponse ready = await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreException(SeqrTransientException.class)
                    .until(() -> call("executeReport", requests.executeReport(TERMINAL_REPORT, "en", periodId,
                            terminal.seqrTerminalId())), r -> r != null);
            assertThat(ready.getReport().getContentString())
                    .contains("<TransactionDetails>", periodId, reference, "420.00");
        }

        @Test
        void aShopReportOfAShopPeriodIsServed() {
            String periodId = mark(null).getTransactionPeriodId();

            ErswsExecuteReportResponse ready = await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreException(SeqrTransientException.class)
                    .until(() -> call("executeReport", requests.executeReport(SHOP_REPORT, "en", periodId, null)),
                            r -> r != null);

            assertThat(ready.getReport().getContentString()).contains(periodId);
        }

        @Test
        void aWrongResellerPasswordIsRefusedWith20() {
            String periodId = mark(null).getTransactionPeriodId();

            assertPermanent(20, "executeReport",
                    resellerRequests(settings.resellerId(), settings.resellerUserId(), "wrong")
                            .executeReport(SHOP_REPORT, "en", periodId, null));
        }

        private ErswsMarkTransactionPeriodResponse mark(TerminalCredentials terminal) {
            return call("markTransactionPeriod",
                    requests.markTransactionPeriod(terminal == null ? null : terminal.seqrTerminalId()));
        }
    }

    @Nested
    class Faults {

        @Test
        void aBusySeqrIsTransient() {
            emulator.setFault(FaultSpec.resultCode("cancelInvoice", SeqrResultCode.SYSTEM_BUSY.code(), 1));

            assertThatThrownBy(() -> call("cancelInvoice", requests.cancelInvoice(newTerminal(), "1")))
                    .isInstanceOfSatisfying(SeqrTransientException.class, e -> assertThat(e.getCode()).isEqualTo(93));
        }

        @Test
        void aSoapFaultIsAnUnknownOutcome() {
            emulator.setFault(FaultSpec.soapFault("refundPayment", 1));

            assertThatThrownBy(() -> call("refundPayment",
                    requests.refundPayment(newTerminal(), "2015102910184861801032678", refund("1.00"))))
                    .isInstanceOf(SeqrUnknownOutcomeException.class);
        }
    }

    // ---- helpers: each returns once SEQR answered SUCCESS ----

    /** Calls {@code cxf:bean:seqr} as a route does and rethrows what the route's error handler would see. */
    @SuppressWarnings("unchecked")
    private <T extends ErswsResponse> T call(String operation, List<Object> body) {
        Exchange exchange = template.send("cxf:bean:seqr?defaultOperationName=" + operation,
                e -> e.getMessage().setBody(body));
        if (exchange.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        assertThat(exchange.getException()).isNull();
        return (T) exchange.getMessage().getBody();
    }

    private void assertPermanent(int code, String operation, List<Object> body) {
        assertThatThrownBy(() -> call(operation, body))
                .isInstanceOfSatisfying(SeqrPermanentException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(code);
                    assertThat(e.getCodeName()).isEqualTo(SeqrResultCode.nameOf(code));
                    assertThat(e.getOperation()).isEqualTo(operation);
                })
                .message().doesNotContain(TERMINAL_PASSWORD, settings.resellerPassword());
    }

    private TerminalCredentials newTerminal() {
        return newTerminal(TERMINAL_PASSWORD);
    }

    private TerminalCredentials newTerminal(String password) {
        ErswsRegisterTerminalResponse response = call("registerTerminal",
                requests.registerTerminal("till-" + UUID.randomUUID(), password, "Contract test till"));
        return new TerminalCredentials(response.getTerminalId(), password);
    }

    private String issue(TerminalCredentials terminal, String total) {
        return issue(terminal, invoice("order-" + suffix(), total));
    }

    private String issue(TerminalCredentials terminal, SeqrInvoice invoice) {
        ErswsSendInvoiceResponse response = call("sendInvoice", requests.sendInvoice(terminal, invoice));
        return response.getInvoiceReference();
    }

    /** Issued, confirmed by the customer and polled, as the status route would. */
    private String reserve(TerminalCredentials terminal, String total) {
        String reference = issue(terminal, total);
        emulator.confirm(reference);
        assertThat(status(terminal, reference).getStatus()).isEqualTo(InvoiceStatus.RESERVED);
        return reference;
    }

    private String pay(TerminalCredentials terminal, String reserved, String committed) {
        String reference = reserve(terminal, reserved);
        call("commitReservation", requests.commitReservation(terminal, reference, new BigDecimal(committed), "SEK"));
        return reference;
    }

    private ErswsPaymentStatusResponse status(TerminalCredentials terminal, String reference) {
        return status(terminal, reference, 0);
    }

    private ErswsPaymentStatusResponse status(TerminalCredentials terminal, String reference, int version) {
        return call("getPaymentStatus", requests.getPaymentStatus(terminal, reference, version));
    }

    private SeqrRequests resellerRequests(String id, String userId, String password) {
        return new SeqrRequests(new SeqrContexts(new SeqrClientSettings(settings.url(), 500, 800,
                settings.clientId(), settings.channel(), id, userId, password, false, 10)));
    }

    private static SeqrInvoice invoice(String clientInvoiceId, String total) {
        return new SeqrInvoice(clientInvoiceId, "Pump 4", "SEK", new BigDecimal(total), List.of(row(total)), "anna",
                "Thank you", 3600L);
    }

    private static SeqrInvoice refund(String amount) {
        return new SeqrInvoice("refund-" + suffix(), "Refund", "SEK", new BigDecimal(amount), List.of(), "anna",
                null, null);
    }

    private static SeqrInvoiceRow row(String total) {
        return new SeqrInvoiceRow("Fuel 95", "F95", BigDecimal.ONE, new BigDecimal(total), new BigDecimal("25"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
