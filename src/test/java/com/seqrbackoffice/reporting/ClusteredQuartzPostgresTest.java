package com.seqrbackoffice.reporting;

import org.junit.jupiter.api.BeforeAll;

/** The clustered Quartz job store on PostgreSQL. */
class ClusteredQuartzPostgresTest extends ClusteredQuartzContract {

    @BeforeAll
    static void start() {
        startAppOnPostgres(clusteredSettings());
    }
}
