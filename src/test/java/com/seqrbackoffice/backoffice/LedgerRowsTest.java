package com.seqrbackoffice.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Ledger rows as the back office's JSON shows them. */
class LedgerRowsTest {

    @Test
    void columnsBecomeCamelCaseAndValuesWhatMessagesCarry() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("order_id", "order-1");
        row.put("reserved_amount", new BigDecimal("500.0000"));
        row.put("final_amount", new BigDecimal("420.1250"));
        row.put("currency", "SEK");
        row.put("code", "AB ");
        row.put("commit_deadline", OffsetDateTime.of(2026, 11, 27, 11, 0, 3, 0, ZoneOffset.ofHours(1)));
        row.put("recorded_at", Timestamp.from(Instant.parse("2026-11-27T10:00:03Z")));
        row.put("seqr_version", 3);
        row.put("matched", true);

        assertThat(LedgerRows.json(row)).containsExactly(
                Map.entry("orderId", "order-1"), Map.entry("reservedAmount", "500.00"),
                Map.entry("finalAmount", "420.125"), Map.entry("currency", "SEK"), Map.entry("code", "AB"),
                Map.entry("commitDeadline", "2026-11-27T10:00:03Z"), Map.entry("recordedAt", "2026-11-27T10:00:03Z"),
                Map.entry("seqrVersion", 3), Map.entry("matched", true));
    }
}
