package com.seqrbackoffice.holds;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The instants the hold-deadline sweep compares deadlines with (as JDBC drivers take them). */
public final class HoldDeadlines {

    private final long warningSeconds;
    private final long lostPollGraceSeconds;
    private final int batchSize;
    private final Clock clock;

    public HoldDeadlines(long warningSeconds, long lostPollGraceSeconds, int batchSize, Clock clock) {
        this.warningSeconds = warningSeconds;
        this.lostPollGraceSeconds = lostPollGraceSeconds;
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

    /**
     * An ISSUED payment whose confirmation deadline is before this has lost its status poll: a live poll cancels
     * the invoice at that deadline.
     */
    public OffsetDateTime lostPollHorizon() {
        return now().minusSeconds(lostPollGraceSeconds);
    }
}
