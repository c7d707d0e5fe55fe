package com.seqrbackoffice.seqr.emulator;

import static com.seqrbackoffice.seqr.emulator.InProcessSeqr.amount;
import static com.seqrbackoffice.seqr.emulator.InProcessSeqr.preliminary;
import static com.seqrbackoffice.seqr.emulator.InProcessSeqr.reseller;
import static com.seqrbackoffice.seqr.emulator.InProcessSeqr.shopTerminal;
import static com.seqrbackoffice.seqr.emulator.InProcessSeqr.terminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.seqrbackoffice.seqr.api.ClientContext;
import com.seqrbackoffice.seqr.api.ErswsExecuteReportResponse;
import com.seqrbackoffice.seqr.api.ErswsResponse;
import com.seqrbackoffice.seqr.api.Invoice;
import com.seqrbackoffice.seqr.api.InvoiceStatus;
import com.seqrbackoffice.seqr.api.MapArray;
import com.seqrbackoffice.seqr.api.Parameter;
import com.seqrbackoffice.seqr.api.ParameterMap;
import com.seqrbackoffice.seqr.api.PaymentMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Terminals, authentication, updateInvoice, refunds and reports (API.md §3, §6, §7). */
class MerchantOperationsTest {

    private final InProcessSeqr seqr = new InProcessSeqr();

    // ---- authentication ----

    @Test
    void terminalPasswordShorterThan4IsDeniedWithCode21() {
        String terminalId = seqr.seqr.registerTerminal(reseller(), "till-short", "123", "Till").getTerminalId();

        ErswsResponse response = seqr.seqr.sendInvoice(terminal(terminalId, "123"), preliminary("10"), null);

        assertThat(response.getResultCode()).isEqualTo(21);
        assertThat(response.getResultDescription()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void resellerOperationsRefuseATerminalPrincipalWith37AndAWrongPasswordWith20() {
        assertThat(seqr.seqr.markTransactionPeriod(shopTerminal(), null).getResultCode()).isEqualTo(37);
        assertThat(seqr.seqr.registerTerminal(InProcessSeqr.context("RESELLERUSER", "public_test_shop", "9900", "x"),
                "till", "secret", "Till").getResultCode()).isEqualTo(20);
    }

    @Test
    void terminalOperationsRefuseAResellerPrincipalWithCode29() {
        assertThat(seqr.seqr.sendInvoice(reseller(), preliminary("10"), null).getResultCode()).isEqualTo(29);
    }

    // ---- terminals ----

    @Test
    void registeringTheSameTillAgainAnswersItsTerminalIdAndTheNewPassword() {
        String first = seqr.seqr.registerTerminal(reseller(), "till-9", "old-secret", "Till 9").getTerminalId();

        String second = seqr.seqr.registerTerminal(reseller(), "till-9", "new-secret", "Till 9").getTerminalId();

        assertThat(second).isEqualTo(first);
        assertThat(seqr.seqr.sendInvoice(terminal(first, "old-secret"), preliminary("1"), null).getResultCode())
                .isEqualTo(20);
        assertThat(seqr.seqr.sendInvoice(terminal(first, "new-secret"), preliminary("1"), null).getResultCode())
                .isZero();
    }

    @Test
    void unregisteredTerminalIsUnknownWithCode29() {
        String terminalId = seqr.seqr.registerTerminal(reseller(), "till-gone", "secret", "Till").getTerminalId();
        ClientContext till = terminal(terminalId, "secret");

        assertThat(seqr.seqr.unregisterTerminal(till).getResultCode()).isZero();

        assertThat(seqr.seqr.sendInvoice(till, preliminary("1"), null).getResultCode()).isEqualTo(29);
    }

    @Test
    void seqrIdMustBeAlphanumericAndUniqueAcrossTerminalsWithCode53() {
        ClientContext a = terminal(seqr.seqr.registerTerminal(reseller(), "a", "secret", "A").getTerminalId(), "secret");
        ClientContext b = terminal(seqr.seqr.registerTerminal(reseller(), "b", "secret", "B").getTerminalId(), "secret");

        assertThat(seqr.seqr.assignSeqrId(a, "MAINST07").getResultCode()).isZero();
        assertThat(seqr.seqr.assignSeqrId(a, "MAINST07").getResultCode()).isZero();
        assertThat(seqr.seqr.assignSeqrId(b, "MAINST07").getResultCode()).isEqualTo(53);
        assertThat(seqr.seqr.assignSeqrId(b, "MAIN-ST").getResultCode()).isEqualTo(53);
        assertThat(seqr.seqr.assignSeqrId(a, "MAINST08").getResultCode()).isZero();
        assertThat(seqr.seqr.assignSeqrId(b, "MAINST07").getResultCode()).as("released by a").isZero();
    }

    // ---- sendInvoice and updateInvoice validation ----

    @Test
    void invoiceWhoseRowsDoNotSumToTheTotalIsRefusedWithCode49() {
        Invoice invoice = preliminary("500");
        invoice.getInvoiceRows().getInvoiceRow().add(InProcessSeqr.row("1", "SEK"));

        assertThat(seqr.seqr.sendInvoice(shopTerminal(), invoice, null).getResultCode()).isEqualTo(49);
    }

    @Test
    void preliminaryInvoiceWithoutCommitReservationTimeoutIsRefusedWithCode49() {
        Invoice invoice = InProcessSeqr.invoice(PaymentMode.RESERVATION_REQUIRED_PRELIMINARY_AMOUNT, "5", "SEK", null);

        assertThat(seqr.seqr.sendInvoice(shopTerminal(), invoice, null).getResultCode()).isEqualTo(49);
    }

    @Test
    void notificationUrlThatIsNotHttpIsRefusedWithCode64() {
        Invoice invoice = preliminary("5");
        invoice.setNotificationUrl("ftp://example.org/notify");

        assertThat(seqr.seqr.sendInvoice(shopTerminal(), invoice, null).getResultCode()).isEqualTo(64);
    }

    @Test
    void updateInvoiceOnAReservationReplacesRowsAndTotal() {
        String reference = seqr.reserved("500");
        Invoice update = preliminary("420");

        assertThat(seqr.seqr.updateInvoice(shopTerminal(), reference, update, null).getResultCode()).isZero();

        assertThat(seqr.view(reference).amount().value()).isEqualTo("420");
        assertThat(seqr.commit(reference, null)).isZero();
        assertThat(seqr.view(reference).paidAmount().value()).isEqualTo("420");
    }

    @Test
    void updateInvoiceRefusesRowsThatDoNotSumAndAnotherCurrencyWithCode49() {
        String reference = seqr.reserved("500");
        Invoice badRows = preliminary("420");
        badRows.getInvoiceRows().getInvoiceRow().get(0).setItemTotalAmount(amount("400", "SEK"));
        Invoice euros = InProcessSeqr.invoice(PaymentMode.RESERVATION_REQUIRED_PRELIMINARY_AMOUNT, "42", "EUR", 60L);

        assertThat(seqr.seqr.updateInvoice(shopTerminal(), reference, badRows, null).getResultCode()).isEqualTo(49);
        assertThat(seqr.seqr.updateInvoice(shopTerminal(), reference, euros, null).getResultCode()).isEqualTo(49);
        assertThat(seqr.view(reference).amount().value()).isEqualTo("500");
    }

    @Test
    void updateInvoiceOfAPaidInvoiceIsRefusedWithCode96() {
        String reference = seqr.reserved("500");
        seqr.commit(reference, "500");

        assertThat(seqr.seqr.updateInvoice(shopTerminal(), reference, preliminary("1"), null).getResultCode())
                .isEqualTo(96);
    }

    @Test
    void invoiceOfAnotherTerminalIsUnknownWithCode54() {
        String reference = seqr.reserved("500");
        ClientContext other = terminal(seqr.seqr.registerTerminal(reseller(), "o", "secret", "O").getTerminalId(),
                "secret");

        assertThat(seqr.seqr.getPaymentStatus(other, reference, 0).getResultCode()).isEqualTo(54);
        assertThat(seqr.seqr.commitReservation(other, null, reference).getResultCode()).isEqualTo(54);
    }

    // ---- refunds ----

    @Test
    void partialRefundsUpToThePaidAmountSucceedAndTheNextIsRefusedWithCode98() {
        String ersReference = paid("500", "420");

        ErswsResponse first = refund(ersReference, "400");
        ErswsResponse second = refund(ersReference, "20");
        ErswsResponse third = refund(ersReference, "0.01");

        assertThat(first.getResultCode()).isZero();
        assertThat(first.getErsReference()).matches("\\d{25}").isNotEqualTo(ersReference);
        assertThat(second.getResultCode()).isZero();
        assertThat(third.getResultCode()).isEqualTo(98);
        assertThat(third.getResultDescription()).isEqualTo("SUM_OF_REFUNDS_CAN_NOT_BE_MORE_THAN_ORIGINAL_TRANSACTION");
    }

    @Test
    void refundOfAnUnknownErsReferenceIsRefusedWithCode23() {
        assertThat(refund("2015102910184861801032678", "1").getResultCode()).isEqualTo(23);
    }

    // ---- reports ----

    @Test
    void shopReportIsNotReadyUntilTheReportDelayPassesThenListsThePeriodsTransactions() throws Exception {
        String ersReference = paid("500", "420");
        refund(ersReference, "20");
        String periodId = seqr.seqr.markTransactionPeriod(reseller(), null).getTransactionPeriodId();
        assertThat(periodId).matches("\\d{25}");

        ErswsExecuteReportResponse early = report("Reconciliation/Shop.xml", periodId, null);
        seqr.advance(Duration.ofSeconds(3));
        ErswsExecuteReportResponse ready = report("Reconciliation/Shop.xml", periodId, null);

        assertThat(early.getResultCode()).isEqualTo(2);
        assertThat(early.getResultDescription()).isEqualTo("REPORT_NOT_READY");
        assertThat(ready.getResultCode()).isZero();
        String xml = ready.getReport().getContentString();
        assertThat(new String(ready.getReport().getContent(), StandardCharsets.UTF_8)).isEqualTo(xml);
        Element root = RawSoap.parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("TransactionDetails");
        Element meta = RawSoap.child(root, null, "Meta");
        assertThat(RawSoap.text(meta, "TransactionPeriodId")).isEqualTo(periodId);
        assertThat(RawSoap.text(meta, "RowCount")).isEqualTo("2");
        Element total = RawSoap.child(meta, null, "Total");
        assertThat(total.getAttribute("currency")).isEqualTo("SEK");
        assertThat(RawSoap.text(total, "Net")).isEqualTo("400");
        List<Element> rows = rows(xml);
        assertThat(rows).extracting(r -> RawSoap.text(r, "Type")).containsExactly("PAYMENT", "REFUND");
        assertThat(RawSoap.text(rows.get(0), "ErsReference")).isEqualTo(ersReference);
        assertThat(RawSoap.text(rows.get(0), "Amount")).isEqualTo("420");
        assertThat(RawSoap.text(rows.get(1), "PaymentErsReference")).isEqualTo(ersReference);
        assertThat(RawSoap.text(rows.get(0), "ClientInvoiceId")).isEqualTo("order-500");
    }

    @Test
    void aPeriodCoversOnlyTransactionsSinceThePreviousMarkOfItsScope() throws Exception {
        paid("500", "100");
        String firstPeriod = seqr.seqr.markTransactionPeriod(reseller(), null).getTransactionPeriodId();
        paid("500", "200");
        String secondPeriod = seqr.seqr.markTransactionPeriod(reseller(), null).getTransactionPeriodId();
        seqr.advance(Duration.ofSeconds(3));

        assertThat(rows(report("Reconciliation/STD_RECON_003.xml", firstPeriod, null).getReport().getContentString()))
                .extracting(r -> RawSoap.text(r, "Amount")).containsExactly("100");
        assertThat(rows(report("Reconciliation/STD_RECON_003.xml", secondPeriod, null).getReport().getContentString()))
                .extracting(r -> RawSoap.text(r, "Amount")).containsExactly("200");
    }

    @Test
    void terminalPeriodReportsOnlyThatTerminalAndRefusesShopReportIds() throws Exception {
        String terminalId = seqr.seqr.registerTerminal(reseller(), "till-r", "secret", "Till R").getTerminalId();
        String tillInvoice = seqr.issue(terminal(terminalId, "secret"), preliminary("70"));
        seqr.backend.confirm(tillInvoice);
        seqr.seqr.commitReservation(terminal(terminalId, "secret"), null, tillInvoice);
        paid("500", "300");
        String periodId = seqr.seqr.markTransactionPeriod(reseller(), parameters("TERMINALID", terminalId))
                .getTransactionPeriodId();
        seqr.advance(Duration.ofSeconds(3));

        ErswsExecuteReportResponse terminalReport = report("Reconciliation/STD_RECON_006.xml", periodId, terminalId);

        assertThat(terminalReport.getResultCode()).isZero();
        assertThat(rows(terminalReport.getReport().getContentString()))
                .extracting(r -> RawSoap.text(r, "TerminalId")).containsExactly(terminalId);
        assertThat(report("Reconciliation/Shop.xml", periodId, null).getResultCode()).isEqualTo(10);
    }

    @Test
    void benchmarkingNopAnswersSuccess() {
        assertThat(seqr.seqr.benchmarkingNop().getResultCode()).isZero();
        assertThat(seqr.counters.snapshot().calls("benchmarkingNop")).isEqualTo(1);
    }

    @Test
    void operationsThatAreNotForMerchantsAnswer91() {
        assertThat(seqr.seqr.requestTopup(shopTerminal(), null, null, null, null, null, null).getResultCode())
                .isEqualTo(91);
    }

    /** A payment committed at {@code committed} from a reservation of {@code reserved}; returns its ersReference. */
    private String paid(String reserved, String committed) {
        String reference = seqr.reserved(reserved);
        assertThat(seqr.commit(reference, committed)).isZero();
        assertThat(seqr.status(reference)).isEqualTo(InvoiceStatus.PAID);
        return seqr.view(reference).ersReference();
    }

    private ErswsResponse refund(String ersReference, String value) {
        return seqr.seqr.refundPayment(shopTerminal(), ersReference,
                InProcessSeqr.invoice(PaymentMode.IMMEDIATE_DEBIT, value, "SEK", null));
    }

    private ErswsExecuteReportResponse report(String reportId, String periodId, String terminalId) {
        ParameterMap parameters = parameters("transactionPeriodId", periodId);
        if (terminalId != null) {
            parameters.getParameter().getEntry().add(entry("TERMINALID", terminalId));
        }
        return seqr.seqr.executeReport(reseller(), reportId, "en", parameters);
    }

    private static ParameterMap parameters(String key, String value) {
        ParameterMap map = new ParameterMap();
        map.setParameter(new MapArray());
        map.getParameter().getEntry().add(entry(key, value));
        return map;
    }

    private static Parameter entry(String key, String value) {
        Parameter parameter = new Parameter();
        parameter.setKey(key);
        parameter.setValue(value);
        return parameter;
    }

    private static List<Element> rows(String xml) throws Exception {
        Document document = RawSoap.parse(xml.getBytes(StandardCharsets.UTF_8));
        return RawSoap.elements(document.getDocumentElement()).stream()
                .filter(e -> e.getLocalName().equals("Row")).toList();
    }
}
