package com.seqrbackoffice.backoffice;

import org.junit.jupiter.api.BeforeAll;

/** The same back-office tests on PostgreSQL, where H2's lenient typing cannot hide errors in the queries. */
class BackofficeHttpPostgresTest extends BackofficeHttpContract {

    @BeforeAll
    static void start() {
        startAppOnPostgres(backofficeSettings());
    }
}
