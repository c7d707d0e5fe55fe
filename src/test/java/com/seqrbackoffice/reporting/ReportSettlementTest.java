package com.seqrbackoffice.reporting;

import org.junit.jupiter.api.BeforeAll;

/** Settlement from SEQR's reports on the default H2 ledger. */
class ReportSettlementTest extends ReportSettlementContract {

    @BeforeAll
    static void start() {
        startApp(settlementSettings());
    }
}
