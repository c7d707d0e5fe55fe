package com.seqrbackoffice.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Where a payment stands against SEQR's reports, one test per outcome. */
class PaymentReconciliationTest {

    private static final Map<String, Object> RESERVATION = Map.of("id", 1L, "entry_type", "RESERVATION");
    private static final Map<String, Object> CAPTURE = Map.of("id", 2L, "entry_type", "CAPTURE");
    private static final Map<String, Object> REFUND = Map.of("id", 3L, "entry_type", "REFUND");

    @Test
    void aPaymentWithoutCaptureOrRefundHasNothingToReconcile() {
        assertThat(PaymentReconciliation.of(List.of(RESERVATION), List.of(), List.of()))
                .isEqualTo(PaymentReconciliation.NOTHING_TO_RECONCILE);
    }

    @Test
    void aCaptureNoShopWidePeriodMatchedIsNotYetReconciled() {
        List<Map<String, Object>> terminalOnly = List.of(match(2L, "TERMINAL:till-1", true), match(3L, "SHOP", true));

        assertThat(PaymentReconciliation.of(List.of(RESERVATION, CAPTURE, REFUND), terminalOnly, List.of()))
                .isEqualTo(PaymentReconciliation.NOT_YET_RECONCILED);
    }

    @Test
    void everyCaptureAndRefundMatchedShopWideIsReconciled() {
        assertThat(PaymentReconciliation.of(List.of(RESERVATION, CAPTURE, REFUND),
                List.of(match(2L, "SHOP", true), match(3L, "SHOP", true)), List.of()))
                .isEqualTo(PaymentReconciliation.RECONCILED);
    }

    @Test
    void aDiscrepancyThatNamesThePaymentWinsOverMatches() {
        assertThat(PaymentReconciliation.of(List.of(CAPTURE), List.of(match(2L, "SHOP", true)),
                List.of(Map.of("id", 9L, "status", "SETTLED"))))
                .isEqualTo(PaymentReconciliation.DISCREPANCIES);
        assertThat(PaymentReconciliation.of(List.of(RESERVATION), List.of(), List.of(Map.of("id", 9L))))
                .isEqualTo(PaymentReconciliation.DISCREPANCIES);
    }

    private static Map<String, Object> match(long entryId, String scope, boolean matched) {
        return Map.of("ledger_entry_id", entryId, "scope_key", scope, "matched", matched);
    }
}
