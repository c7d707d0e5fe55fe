package com.seqrbackoffice.backoffice;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.seqrbackoffice.payments.Money;

/**
 * Ledger rows as the back office's JSON shows them: column names in camel case ({@code order_id} becomes
 * {@code orderId}), amounts as decimal strings with at least two decimals (as in every message), times as UTC
 * instants, fixed-width codes (CHAR columns) without their padding.
 */
final class LedgerRows {

    private LedgerRows() {
    }

    static List<Map<String, Object>> json(List<Map<String, Object>> rows) {
        return rows.stream().map(LedgerRows::json).toList();
    }

    static Map<String, Object> json(Map<String, Object> row) {
        Map<String, Object> json = new LinkedHashMap<>();
        row.forEach((column, value) -> json.put(camelCase(column), value(value)));
        return json;
    }

    static String camelCase(String column) {
        StringBuilder name = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    static Object value(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal amount -> Money.plain(amount);
            case OffsetDateTime time -> time.toInstant().toString();
            case Timestamp time -> time.toInstant().toString();
            case Instant time -> time.toString();
            case String text -> text.stripTrailing();
            default -> value;
        };
    }
}
