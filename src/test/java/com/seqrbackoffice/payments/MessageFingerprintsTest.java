package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MessageFingerprintsTest {

    private final MessageFingerprints fingerprints = new MessageFingerprints("a secret of 16 b".getBytes(StandardCharsets.UTF_8));

    private static final String REQUEST = """
            {"messageId": "p-1", "terminalId": "till-07", "orderId": "order-123",
             "amount": {"value": "500.00", "currency": "SEK"}, "commitReservationTimeoutSeconds": 3600,
             "rows": [{"description": "Fuel", "totalAmount": {"value": "500.00", "currency": "SEK"}}]}""";

    @Test
    void whitespaceMemberOrderAndHowANumberIsWrittenDoNotChangeTheContent() {
        String same = """
                {"rows":[{"totalAmount":{"currency":"SEK","value":"500.00"},"description":"Fuel"}],
                "commitReservationTimeoutSeconds":3600.0,"amount":{"currency":"SEK","value":"500.00"},
                "orderId":"order-123","terminalId":"till-07","messageId":"p-1"}""";

        assertThat(fingerprints.of(same)).isEqualTo(fingerprints.of(REQUEST)).hasSize(64);
    }

    @Test
    void anyOtherValueIsOtherContent() {
        assertThat(fingerprints.of(REQUEST.replace("order-123", "order-124"))).isNotEqualTo(fingerprints.of(REQUEST));
        // a money value is a string: "500.0" is not "500.00"
        assertThat(fingerprints.of(REQUEST.replace("\"value\": \"500.00\", \"currency\": \"SEK\"}, \"commit",
                "\"value\": \"500.0\", \"currency\": \"SEK\"}, \"commit"))).isNotEqualTo(fingerprints.of(REQUEST));
        assertThat(fingerprints.of(REQUEST.replace("\"commitReservationTimeoutSeconds\": 3600,", "")))
                .isNotEqualTo(fingerprints.of(REQUEST));
        assertThat(fingerprints.of(REQUEST.replace("3600", "3601"))).isNotEqualTo(fingerprints.of(REQUEST));
    }

    @Test
    void theOrderOfAnArraysItemsIsContent() {
        assertThat(fingerprints.of("{\"rows\": [1, 2]}")).isNotEqualTo(fingerprints.of("{\"rows\": [2, 1]}"));
    }

    @Test
    void membersThatAreNotContentCanBeLeftOut() {
        assertThat(fingerprints.of(REQUEST, "messageId")).isEqualTo(fingerprints.of(REQUEST.replace("p-1", "p-2"), "messageId"))
                .isNotEqualTo(fingerprints.of(REQUEST));
    }

    @Test
    void theFingerprintDependsOnTheSecretSoThatItRevealsNoContent() {
        MessageFingerprints other = new MessageFingerprints("another secret!!".getBytes(StandardCharsets.UTF_8));

        assertThat(other.of(REQUEST)).isNotEqualTo(fingerprints.of(REQUEST));
    }

    @Test
    void aMessageThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> fingerprints.of("{not json")).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("not valid JSON");
    }
}
