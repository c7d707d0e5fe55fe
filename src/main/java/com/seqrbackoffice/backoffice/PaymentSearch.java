package com.seqrbackoffice.backoffice;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

import com.seqrbackoffice.payments.PaymentStatus;

/**
 * A search of payments by till, status and creation time, as {@code GET /payments} takes it (every criterion
 * optional). Times are ISO 8601 with an offset, {@code from} inclusive and {@code to} exclusive.
 */
public record PaymentSearch(String terminalId, String status, OffsetDateTime from, OffsetDateTime to, int limit) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    /** The search the query parameters ask for; a malformed one is refused with what was wrong. */
    public static PaymentSearch of(String terminalId, String status, String from, String to, String limit, int maxLimit) {
        if (terminalId != null && !ID.matcher(terminalId).matches()) {
            throw invalid("terminalId is not a terminal id: letters, digits and . _ : / -, at most 64");
        }
        if (status != null && Arrays.stream(PaymentStatus.values()).noneMatch(known -> known.name().equals(status))) {
            throw invalid("status must be one of " + Arrays.toString(PaymentStatus.values()));
        }
        OffsetDateTime since = time("from", from);
        OffsetDateTime until = time("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw invalid("from must be before to");
        }
        return new PaymentSearch(terminalId, status, since, until, limit(limit, maxLimit));
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw invalid(name + " is not an ISO 8601 time with an offset, such as 2026-11-27T00:00:00Z: " + value);
        }
    }

    private static int limit(String value, int maxLimit) {
        if (value == null) {
            return maxLimit;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid("limit must be a whole number from 1 to " + maxLimit);
    }

    private static BackofficeRequestException invalid(String message) {
        return BackofficeRequestException.badRequest("INVALID_SEARCH", message);
    }
}
