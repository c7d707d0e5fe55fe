package com.seqrbackoffice.terminals;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** Terminal passwords across two instances sharing a PostgreSQL ledger. */
class TerminalPasswordPostgresTest extends TerminalPasswordContract {

    @BeforeAll
    static void start() {
        startAppOnPostgres(Map.of());
        startSecondInstance();
    }
}
