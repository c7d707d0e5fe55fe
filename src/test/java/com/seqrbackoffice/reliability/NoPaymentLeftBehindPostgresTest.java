package com.seqrbackoffice.reliability;

import org.junit.jupiter.api.BeforeAll;

/** No payment without a way forward on PostgreSQL, where the sweep's queries meet a strict SQL dialect. */
class NoPaymentLeftBehindPostgresTest extends NoPaymentLeftBehindContract {

    @BeforeAll
    static void start() {
        startAppOnPostgres(sweepSettings());
    }
}
