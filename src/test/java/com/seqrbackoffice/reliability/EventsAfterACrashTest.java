package com.seqrbackoffice.reliability;

import org.junit.jupiter.api.BeforeAll;

/** Events after a crash between the commits, on the embedded H2 ledger. */
class EventsAfterACrashTest extends EventsAfterACrashContract {

    @BeforeAll
    static void start() {
        startWithCommitWindows(false);
    }
}
