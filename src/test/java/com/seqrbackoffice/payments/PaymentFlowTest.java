package com.seqrbackoffice.payments;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** The payment flow on the embedded H2 ledger. */
class PaymentFlowTest extends PaymentFlowContract {

    @BeforeAll
    static void start() {
        startApp(Map.of());
        terminal = registeredTerminal();
    }
}
