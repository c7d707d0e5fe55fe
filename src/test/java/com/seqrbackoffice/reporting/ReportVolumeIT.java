package com.seqrbackoffice.reporting;

import org.junit.jupiter.api.BeforeAll;

/** A report of 100,000 rows on the default H2 ledger. */
class ReportVolumeIT extends ReportVolumeContract {

    @BeforeAll
    static void start() {
        startApp(volumeSettings());
    }
}
