package com.seqrbackoffice.payments;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** The payment flow on PostgreSQL, the production ledger: H2 accepts SQL and types that PostgreSQL refuses. */
class PaymentFlowPostgresTest extends PaymentFlowContract {

    @BeforeAll
    static void start() {
        startAppOnPostgres(Map.of());
        terminal = registeredTerminal();
    }
}
