package com.seqrbackoffice.terminals;

import org.junit.jupiter.api.BeforeAll;

import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.TestSecrets;

/**
 * Terminal passwords across two instances on the default H2 ledger. The instances have secrets of their own: the
 * second, on the first one's broker, is in the production shape, which refuses the shipped ones.
 */
class TerminalPasswordTest extends TerminalPasswordContract {

    @BeforeAll
    static void start() {
        startApp(TestSecrets.appSettings(AppProcess.newPasswordKey()));
        startSecondInstance();
    }
}
