package com.seqrbackoffice.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/** A wrong reseller password in the settings makes registration fail with an error that names the settings. */
class WrongResellerPasswordTest extends FlowTestSupport {

    @BeforeAll
    static void start() {
        startApp(Map.of("seqr.reseller.password", "not-the-password"));
    }

    @Test
    void registrationWithAWrongResellerPasswordGivesAClearError() {
        String terminalId = unique("till");
        till.send(queue("terminal-commands"), """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till"}
                """.formatted(unique("c"), terminalId));

        TillClient.Received error = till.receive(queue("payment-events"),
                "terminalId = '" + terminalId + "' AND type = 'ERROR'", EVENT_TIMEOUT);
        assertThat(error).as("ERROR event for " + terminalId).isNotNull();
        assertThat(error.field("code")).isEqualTo("RESELLER_CREDENTIALS_REFUSED");
        assertThat(error.field("message")).contains("password", "public_test_shop/9900", "seqr.reseller.password")
                .doesNotContain("not-the-password");
        assertThat(rows("select * from terminals where terminal_id = ?", terminalId)).isEmpty();
        assertThat(till.receive(queue("dead-letter"), "deadLetterCode = 'RESELLER_CREDENTIALS_REFUSED'", EVENT_TIMEOUT))
                .isNotNull();
    }
}
