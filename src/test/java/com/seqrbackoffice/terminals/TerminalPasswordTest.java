package com.seqrbackoffice.terminals;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** Terminal passwords across two instances on the default H2 ledger. */
class TerminalPasswordTest extends TerminalPasswordContract {

    @BeforeAll
    static void start() {
        startApp(Map.of());
        startSecondInstance();
    }
}
