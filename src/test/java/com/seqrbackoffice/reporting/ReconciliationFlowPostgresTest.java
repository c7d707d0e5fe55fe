package com.seqrbackoffice.reporting;

import org.junit.jupiter.api.BeforeAll;

/** The same reporting and reconciliation tests on PostgreSQL, where H2's lenient typing cannot hide errors. */
class ReconciliationFlowPostgresTest extends ReconciliationFlowContract {

    @BeforeAll
    static void start() {
        startAppOnPostgres(reportingSettings());
    }
}
