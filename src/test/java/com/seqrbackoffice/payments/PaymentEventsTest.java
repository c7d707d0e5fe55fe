package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The hold's deadline in the events that announce a hold (RESERVED, HOLD_EXPIRY_WARNING), and in their schema. */
class PaymentEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:03Z");
    private static final Instant DEADLINE = Instant.parse("2026-11-27T11:00:03Z");

    private final PaymentEvents events = new PaymentEvents(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Payment reserved = new Payment("order-123", "p-1", "till-07", "1397222701693", PaymentStatus.RESERVED,
            new Money(new BigDecimal("500.00"), "SEK"), null, null, 1, "Pump 4", NOW.plusSeconds(120), DEADLINE, null);

    @Test
    void theReservedEventCarriesTheCommitDeadlineAsCaptureBefore() {
        PaymentEvent event = events.status(reserved, PaymentStatus.RESERVED, null);

        assertThat(event.captureBefore()).isEqualTo(DEADLINE);
        assertThat(event.json()).contains("\"captureBefore\":\"2026-11-27T11:00:03Z\"");
    }

    @Test
    void theHoldExpiryWarningCarriesItToo() {
        assertThat(events.holdExpiryWarning(reserved).captureBefore()).isEqualTo(DEADLINE);
    }

    @Test
    void theSchemaDeclaresEveryFieldAnEventCarries() throws IOException {
        JsonNode properties;
        try (InputStream schema = PaymentEvent.class.getResourceAsStream("/schemas/payment-event.schema.json")) {
            properties = Json.MAPPER.readTree(schema).get("properties");
        }
        for (RecordComponent field : PaymentEvent.class.getRecordComponents()) {
            assertThat(properties.has(field.getName())).as(field.getName() + " in payment-event.schema.json").isTrue();
        }
        assertThat(properties.get("captureBefore").get("format").asText()).isEqualTo("date-time");
    }

    @Test
    void otherStatusEventsCarryNoDeadline() {
        for (PaymentStatus status : new PaymentStatus[] {PaymentStatus.ISSUED, PaymentStatus.PAID, PaymentStatus.CANCELED}) {
            assertThat(events.status(reserved, status, null).json()).as(status.name()).doesNotContain("captureBefore");
        }
    }
}
