package com.seqrbackoffice.reporting;

import org.junit.jupiter.api.BeforeAll;

/** A report of 100,000 rows on PostgreSQL. */
class ReportVolumePostgresIT extends ReportVolumeContract {

    @BeforeAll
    static void start() {
        startAppOnPostgres(volumeSettings());
    }
}
