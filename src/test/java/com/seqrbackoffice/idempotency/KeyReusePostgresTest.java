package com.seqrbackoffice.idempotency;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** Reused idempotency keys on PostgreSQL, where two instances would share the keys. */
class KeyReusePostgresTest extends KeyReuseContract {

    @BeforeAll
    static void start() {
        startAppOnPostgres(Map.of());
        terminal = registeredTerminal();
    }
}
