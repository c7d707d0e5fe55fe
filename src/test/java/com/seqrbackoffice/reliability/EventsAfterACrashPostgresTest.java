package com.seqrbackoffice.reliability;

import org.junit.jupiter.api.BeforeAll;

/** Events after a crash between the commits, on PostgreSQL. */
class EventsAfterACrashPostgresTest extends EventsAfterACrashContract {

    @BeforeAll
    static void start() {
        startWithCommitWindows(true);
    }
}
