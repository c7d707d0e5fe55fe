package com.seqrbackoffice.idempotency;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** Reused idempotency keys on the embedded H2 ledger. */
class KeyReuseTest extends KeyReuseContract {

    @BeforeAll
    static void start() {
        startApp(Map.of());
        terminal = registeredTerminal();
    }
}
