package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.InvalidMessageException;
import com.seqrbackoffice.reporting.ReportRequestCheck.MarkedPeriod;

class ReportRequestCheckTest {

    private static final Map<String, MarkedPeriod> LEDGER = Map.of(
            "100", new MarkedPeriod("SHOP", null, null),
            "200", new MarkedPeriod("TERMINAL", "till-1", "seqr-till-1"));
    private final ReportRequestCheck check = new ReportRequestCheck(id -> Optional.ofNullable(LEDGER.get(id)),
            new ReportingPlan("Shop.xml", "Terminal.xml", 40));

    @Test
    void requestsThatMatchTheirPeriodPass() {
        assertThatCode(() -> check.verify(new ReportRequest("100", "SHOP", null, null, "Shop.xml", 3))).doesNotThrowAnyException();
        assertThatCode(() -> check.verify(new ReportRequest("200", "TERMINAL", "till-1", "seqr-till-1", "Terminal.xml", 1)))
                .doesNotThrowAnyException();
    }

    @Test
    void aRequestForAPeriodTheLedgerHasNotMarkedIsRefused() {
        assertRefused(new ReportRequest("999", "SHOP", null, null, "Shop.xml", 1), "999, which the ledger has not marked");
    }

    @Test
    void aRequestWithAnotherScopeIsRefused() {
        assertRefused(new ReportRequest("100", "TERMINAL", null, null, "Shop.xml", 1), "scope TERMINAL, the period's is SHOP");
    }

    @Test
    void aRequestWithAnotherTerminalIsRefused() {
        assertRefused(new ReportRequest("200", "TERMINAL", "till-2", "seqr-till-1", "Terminal.xml", 1), "terminal till-2");
    }

    @Test
    void aRequestWithAnotherSeqrTerminalIsRefused() {
        assertRefused(new ReportRequest("200", "TERMINAL", "till-1", "seqr-till-2", "Terminal.xml", 1), "SEQR terminal seqr-till-2");
    }

    @Test
    void aRequestForAnotherReportIsRefused() {
        assertRefused(new ReportRequest("100", "SHOP", null, null, "Terminal.xml", 1), "report Terminal.xml, the plan's for SHOP is Shop.xml");
    }

    private void assertRefused(ReportRequest request, String reason) {
        assertThatThrownBy(() -> check.verify(request))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.getCode()).isEqualTo("FORGED_REPORT_REQUEST"))
                .hasMessageContaining(reason);
    }
}
