package com.seqrbackoffice.reporting;

import org.junit.jupiter.api.BeforeAll;

/** Settlement from SEQR's reports on PostgreSQL. */
class ReportSettlementPostgresTest extends ReportSettlementContract {

    @BeforeAll
    static void start() {
        startAppOnPostgres(settlementSettings());
    }
}
