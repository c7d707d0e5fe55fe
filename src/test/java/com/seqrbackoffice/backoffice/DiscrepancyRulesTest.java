package com.seqrbackoffice.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Each outcome of working a discrepancy: allowed and refused changes, and the correction each kind of item books. */
class DiscrepancyRulesTest {

    private final DiscrepancyRules rules = new DiscrepancyRules();

    @Test
    void aRequestNamesTheStatusWhoAndWhy() {
        DiscrepancyChange change = rules.change("7", "{\"status\": \"EXPLAINED\", \"by\": \" anna \", \"reason\": \"timing\"}");

        assertThat(change).isEqualTo(new DiscrepancyChange(7, DiscrepancyStatus.EXPLAINED, "anna", "timing"));
    }

    @Test
    void aMalformedRequestIsRefusedWithWhatWasWrong() {
        assertRefused(() -> rules.change("7", "not json"), 400, "not JSON");
        assertRefused(() -> rules.change("7", "[1]"), 400, "not a JSON object");
        assertRefused(() -> rules.change("7", "{\"status\": \"EXPLAINED\", \"by\": \"anna\"}"), 400, "reason is required");
        assertRefused(() -> rules.change("7", "{\"status\": \"FIXED\", \"by\": \"a\", \"reason\": \"b\"}"), 400,
                "status must be OPEN, EXPLAINED or SETTLED");
        assertRefused(() -> rules.change("7", "{\"status\": \"OPEN\", \"by\": \"" + "a".repeat(101) + "\", \"reason\": \"b\"}"),
                400, "by must be at most 100 characters");
        assertRefused(() -> rules.change("7", "{\"status\": \"OPEN\", \"by\": \"a\", \"reason\": \"line\\nbreak\"}"), 400,
                "without control characters");
        assertRefused(() -> rules.change("x", "{}"), 400, "not a discrepancy id: x");
        assertRefused(() -> rules.change("0", "{}"), 400, "not a discrepancy id: 0");
    }

    @Test
    void anUnknownDiscrepancyIsNotFound() {
        assertRefused(() -> rules.decide(null, change(DiscrepancyStatus.EXPLAINED)), 404, "no discrepancy 7");
    }

    @Test
    void aChangeToTheSameStatusIsRefused() {
        assertRefused(() -> rules.decide(row("OPEN", "MISSING_IN_LEDGER", "PAYMENT", "10.00", null),
                change(DiscrepancyStatus.OPEN)), 409, "already OPEN");
    }

    @Test
    void aSettledDiscrepancyIsFinal() {
        for (DiscrepancyStatus status : new DiscrepancyStatus[] {DiscrepancyStatus.OPEN, DiscrepancyStatus.EXPLAINED}) {
            assertRefused(() -> rules.decide(row("SETTLED", "MISSING_IN_LEDGER", "PAYMENT", "10.00", null), change(status)),
                    409, "SETTLED, which is final");
        }
    }

    @Test
    void explainingOrReopeningBooksNothing() {
        DiscrepancyDecision explained = rules.decide(row("OPEN", "MISSING_IN_LEDGER", "PAYMENT", "10.00", null),
                change(DiscrepancyStatus.EXPLAINED));
        DiscrepancyDecision reopened = rules.decide(row("EXPLAINED", "MISSING_IN_LEDGER", "PAYMENT", "10.00", null),
                change(DiscrepancyStatus.OPEN));

        assertThat(explained).isEqualTo(new DiscrepancyDecision(7, DiscrepancyStatus.OPEN, DiscrepancyStatus.EXPLAINED,
                "anna", "why", null, null, null));
        assertThat(reopened.from()).isEqualTo(DiscrepancyStatus.EXPLAINED);
        assertThat(reopened.to()).isEqualTo(DiscrepancyStatus.OPEN);
        assertThat(reopened.correctionType()).isNull();
    }

    @Test
    void settlingAPaymentOnlySeqrHasBooksItIn() {
        assertSettlement(row("OPEN", "MISSING_IN_LEDGER", "PAYMENT", "30.00", null), "CORRECTION_IN", "30.00");
    }

    @Test
    void settlingARefundOrReversalOnlySeqrHasBooksItOut() {
        assertSettlement(row("OPEN", "MISSING_IN_LEDGER", "REFUND", "40.00", null), "CORRECTION_OUT", "40.00");
        assertSettlement(row("EXPLAINED", "MISSING_IN_LEDGER", "REVERSAL", "100.00", null), "CORRECTION_OUT", "100.00");
    }

    @Test
    void settlingACaptureSeqrNeverMadeBooksItOutAndARefundItNeverMadeBooksItIn() {
        assertSettlement(row("OPEN", "MISSING_AT_SEQR", "PAYMENT", null, "55.00"), "CORRECTION_OUT", "55.00");
        assertSettlement(row("OPEN", "MISSING_AT_SEQR", "REFUND", null, "20.00"), "CORRECTION_IN", "20.00");
    }

    @Test
    void settlingAnAmountMismatchBooksTheDifferenceTowardsSeqrsAmount() {
        assertSettlement(row("OPEN", "AMOUNT_MISMATCH", "PAYMENT", "400.00", "420.00"), "CORRECTION_OUT", "20.00");
        assertSettlement(row("OPEN", "AMOUNT_MISMATCH", "PAYMENT", "420.00", "400.00"), "CORRECTION_IN", "20.00");
        assertSettlement(row("OPEN", "AMOUNT_MISMATCH", "REFUND", "30.00", "20.00"), "CORRECTION_OUT", "10.00");
    }

    @Test
    void settlingWithoutADifferenceBooksNothing() {
        DiscrepancyDecision decision = rules.decide(row("OPEN", "AMOUNT_MISMATCH", "PAYMENT", "20.00", "20.00"),
                change(DiscrepancyStatus.SETTLED));

        assertThat(decision.to()).isEqualTo(DiscrepancyStatus.SETTLED);
        assertThat(decision.correctionType()).isNull();
        assertThat(decision.correctionKey()).isNull();
    }

    @Test
    void settlingAnItemWhoseTwinWasSettledBooksNoSecondEntry() {
        Map<String, Object> row = row("OPEN", "MISSING_IN_LEDGER", "PAYMENT", "30.00", null);
        row.put("twin_correction_key", "order-1:CORRECTION:6");

        DiscrepancyDecision decision = rules.decide(row, change(DiscrepancyStatus.SETTLED));

        assertThat(decision.correctionType()).isNull();
        assertThat(decision.correctionKey()).isEqualTo("order-1:CORRECTION:6");
    }

    @Test
    void settlingIsRefusedWhenNoCorrectingEntryCanBeBooked() {
        Map<String, Object> noPayment = row("OPEN", "MISSING_IN_LEDGER", "PAYMENT", "12.34", null);
        noPayment.put("payment_known", false);
        assertRefused(() -> rules.decide(noPayment, change(DiscrepancyStatus.SETTLED)), 409, "no payment for");
        assertRefused(() -> rules.decide(row("OPEN", "MISSING_IN_LEDGER", null, "12.34", null),
                change(DiscrepancyStatus.SETTLED)), 409, "book its correction by hand");
    }

    @Test
    void aChangeMadeMeanwhileIsAConflict() {
        assertRefused(() -> rules.changedMeanwhile(7), 409, "changed by someone else meanwhile");
    }

    private void assertSettlement(Map<String, Object> row, String type, String amount) {
        DiscrepancyDecision decision = rules.decide(row, change(DiscrepancyStatus.SETTLED));

        assertThat(decision.to()).isEqualTo(DiscrepancyStatus.SETTLED);
        assertThat(decision.correctionType()).as(row.toString()).isEqualTo(type);
        assertThat(decision.correctionAmount()).as(row.toString()).isEqualByComparingTo(amount);
        assertThat(decision.correctionKey()).isEqualTo("order-1:CORRECTION:7");
    }

    private static DiscrepancyChange change(DiscrepancyStatus status) {
        return new DiscrepancyChange(7, status, "anna", "why");
    }

    /** A row of sql/backoffice/discrepancy.sql for order-1, whose payment the ledger has. */
    private static Map<String, Object> row(String status, String kind, String item, String seqr, String ledger) {
        Map<String, Object> row = new HashMap<>();
        row.put("status", status);
        row.put("kind", kind);
        row.put("item_type", item);
        row.put("seqr_amount", seqr == null ? null : new BigDecimal(seqr));
        row.put("ledger_amount", ledger == null ? null : new BigDecimal(ledger));
        row.put("order_id", "order-1");
        row.put("payment_known", true);
        return row;
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BackofficeRequestException.class, refused ->
                assertThat(refused.getStatus()).isEqualTo(status)).hasMessageContaining(message);
    }
}
