package com.seqrbackoffice.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

/** An amount in a currency, as messages carry it: {@code {"value": "420.00", "currency": "SEK"}}. */
public record Money(BigDecimal value, String currency) {

    public Money {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(currency, "currency");
    }

    /** The value as messages and reports show it: at least two decimals, no exponent. */
    public String plain() {
        return plain(value);
    }

    /** An amount as messages and reports show it: at least two decimals, no exponent. */
    public static String plain(BigDecimal value) {
        return value.setScale(Math.max(2, value.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    /** Messages carry the value as a decimal string, never as a JSON number that a reader could round. */
    @JsonValue
    public Map<String, String> json() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("value", plain());
        json.put("currency", currency);
        return json;
    }

    @Override
    public String toString() {
        return plain() + " " + currency;
    }
}
