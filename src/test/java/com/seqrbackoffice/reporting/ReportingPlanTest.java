package com.seqrbackoffice.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.reporting.ReportingPlan.FetchOutcome;
import com.seqrbackoffice.seqr.api.Report;

class ReportingPlanTest {

    private final ReportingPlan plan = new ReportingPlan("Shop.xml", "Terminal.xml", 3);

    @Test
    void aFetchedReportIsReconciledAtAnyAttempt() {
        assertThat(plan.afterFetch(request(1), new Report())).isEqualTo(FetchOutcome.RECONCILE);
        assertThat(plan.afterFetch(request(3), new Report())).isEqualTo(FetchOutcome.RECONCILE);
    }

    @Test
    void aReportNotFetchedIsAskedForAgainBeforeTheLastAttempt() {
        assertThat(plan.afterFetch(request(1), null)).isEqualTo(FetchOutcome.ASK_AGAIN);
        assertThat(plan.afterFetch(request(2), null)).isEqualTo(FetchOutcome.ASK_AGAIN);
    }

    @Test
    void aReportNotFetchedAtTheLastAttemptIsGivenUp() {
        assertThat(plan.afterFetch(request(3), null)).isEqualTo(FetchOutcome.GIVE_UP);
    }

    private static ReportRequest request(int attempt) {
        return new ReportRequest("p-1", ReportingPlan.SHOP, null, null, "Shop.xml", attempt);
    }
}
