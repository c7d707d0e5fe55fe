package com.seqrbackoffice.backoffice;

import org.junit.jupiter.api.BeforeAll;

/** The back office on the default H2 ledger. */
class BackofficeHttpTest extends BackofficeHttpContract {

    @BeforeAll
    static void start() {
        startApp(backofficeSettings());
    }
}
