package com.seqrbackoffice.reporting;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The instants the hold-deadline sweep compares commit deadlines with (as JDBC drivers take them). */
public final class HoldDeadlines {

    private final long warningSeconds;
    private final int batchSize;
    private final Clock clock;

    public HoldDeadlines(long warningSeconds, int batchSize, Clock clock) {
        this.warningSeconds = warningSeconds;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** Reservations handled per sweep and kind; the next sweep takes the rest. */
    public int batchSize() {
        return batchSize;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** A hold whose deadline is before this gets its warning. */
    public OffsetDateTime warningHorizon() {
        return now().plusSeconds(warningSeconds);
    }
}
