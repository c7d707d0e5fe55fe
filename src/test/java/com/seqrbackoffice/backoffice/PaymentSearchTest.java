package com.seqrbackoffice.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The search criteria GET /payments takes, and what it refuses. */
class PaymentSearchTest {

    @Test
    void everyCriterionIsOptionalAndTheLimitDefaultsToTheMost() {
        assertThat(PaymentSearch.of(null, null, null, null, null, 100))
                .isEqualTo(new PaymentSearch(null, null, null, null, 100));
    }

    @Test
    void timesAreReadWithTheirOffsetAndKeptInUtc() {
        PaymentSearch search = PaymentSearch.of("till-07", "PAID", "2026-11-27T00:00:00+01:00", "2026-11-28T00:00:00Z",
                "10", 100);

        assertThat(search).isEqualTo(new PaymentSearch("till-07", "PAID",
                OffsetDateTime.of(2026, 11, 26, 23, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 11, 28, 0, 0, 0, 0, ZoneOffset.UTC), 10));
    }

    @Test
    void malformedCriteriaAreRefusedWithWhatWasWrong() {
        assertRefused("till 07", null, null, null, null, "terminalId is not a terminal id");
        assertRefused(null, "REFUNDED", null, null, null, "status must be one of [ISSUED, RESERVED, PAID, CANCELED, EXPIRED, FAILED]");
        assertRefused(null, null, "2026-11-27", null, null, "from is not an ISO 8601 time with an offset");
        assertRefused(null, null, "2026-11-28T00:00:00Z", "2026-11-27T00:00:00Z", null, "from must be before to");
        assertRefused(null, null, null, null, "101", "limit must be a whole number from 1 to 100");
        assertRefused(null, null, null, null, "ten", "limit must be a whole number from 1 to 100");
    }

    private static void assertRefused(String terminalId, String status, String from, String to, String limit, String message) {
        assertThatThrownBy(() -> PaymentSearch.of(terminalId, status, from, to, limit, 100))
                .isInstanceOfSatisfying(BackofficeRequestException.class, refused -> {
                    assertThat(refused.getStatus()).isEqualTo(400);
                    assertThat(refused.getCode()).isEqualTo("INVALID_SEARCH");
                })
                .hasMessageContaining(message);
    }
}
