package com.seqrbackoffice.reporting;

import org.junit.jupiter.api.BeforeAll;

/** Reporting and reconciliation on the default H2 ledger. */
class ReconciliationFlowTest extends ReconciliationFlowContract {

    @BeforeAll
    static void start() {
        startApp(reportingSettings());
    }
}
