package com.seqrbackoffice.reliability;

import org.junit.jupiter.api.BeforeAll;

/** No payment without a way forward, on the default H2 ledger. */
class NoPaymentLeftBehindTest extends NoPaymentLeftBehindContract {

    @BeforeAll
    static void start() {
        startApp(sweepSettings());
    }
}
