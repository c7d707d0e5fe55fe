package com.seqrbackoffice.seqr.emulator;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Identifiers in SEQR's formats (API.md §4, §7). */
final class References {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final AtomicLong invoiceSequence;
    private final AtomicLong sequence = new AtomicLong();

    References(Clock clock) {
        this.clock = clock;
        // SEQR's invoice references look like epoch milliseconds (1397222701693); starting from microseconds
        // keeps references of a restarted emulator distinct from those a ledger already holds
        this.invoiceSequence = new AtomicLong(clock.millis() * 1000);
    }

    String invoiceReference() {
        return Long.toString(invoiceSequence.incrementAndGet());
    }

    /** 25 digits like SEQR's paymentReference 2015102910184861801032678: a UTC timestamp and a sequence. */
    String ersReference() {
        return twentyFiveDigits();
    }

    /** 25 digits like SEQR's transactionPeriodId 2012053119463656301000002. */
    String transactionPeriodId() {
        return twentyFiveDigits();
    }

    /** 32 hex digits like 87e791f9e24148a6892c52aa85bb0331. */
    String terminalId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The customer's wallet: 25 hex digits like d613c5b8428d17248751bc101. */
    String payerTerminalId() {
        return terminalId().substring(0, 25);
    }

    private String twentyFiveDigits() {
        return STAMP.format(clock.instant()) + String.format("%011d", sequence.incrementAndGet() % 100_000_000_000L);
    }
}
