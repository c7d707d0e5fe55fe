package com.seqrbackoffice.reporting;

import org.junit.jupiter.api.BeforeAll;

/** The clustered Quartz job store on H2 (PostgreSQL mode, PostgreSQL delegate). */
class ClusteredQuartzTest extends ClusteredQuartzContract {

    @BeforeAll
    static void start() {
        startApp(clusteredSettings());
    }
}
