package com.seqrbackoffice.payments;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A ledger time as camel-sql returns it: H2 gives an OffsetDateTime, PostgreSQL's driver a Timestamp. */
public final class LedgerTime {

    private LedgerTime() {
    }

    /** The instant of a time column's value; null for null. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        if (value instanceof Instant time) {
            return time;
        }
        throw new IllegalArgumentException("Not a time: " + value.getClass().getName());
    }
}
