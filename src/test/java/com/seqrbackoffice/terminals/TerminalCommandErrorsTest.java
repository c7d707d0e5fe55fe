package com.seqrbackoffice.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/** Terminal commands SEQR refuses end with an ERROR event that says why. */
class TerminalCommandErrorsTest extends FlowTestSupport {

    @BeforeAll
    static void start() {
        startApp(Map.of());
    }

    @Test
    void aSeqrIdTakenByAnotherTerminalGivesAnInvalidSeqrIdError() {
        String first = registeredTerminal();
        String second = registeredTerminal();
        String seqrId = "SHOP" + unique("x").replace("-", "").toUpperCase();
        till.send(queue("terminal-commands"), assign(first, seqrId));
        assertThat(till.receive(queue("payment-events"), "terminalId = '" + first + "' AND type = 'SEQR_ID_ASSIGNED'",
                EVENT_TIMEOUT)).isNotNull();

        till.send(queue("terminal-commands"), assign(second, seqrId));

        TillClient.Received error = till.receive(queue("payment-events"),
                "terminalId = '" + second + "' AND type = 'ERROR'", EVENT_TIMEOUT);
        assertThat(error).as("ERROR event for " + second).isNotNull();
        assertThat(error.field("code")).isEqualTo("SEQR_INVALID_SEQR_ID");
        assertThat(error.field("message")).contains("assignSeqrId", "53");
        assertThat(rows("select terminal_id from terminals where seqr_id = ?", seqrId))
                .extracting(row -> row.get("terminal_id")).containsExactly(first);
    }

    private static String assign(String terminalId, String seqrId) {
        return """
                {"messageId": "%s", "command": "ASSIGN_SEQR_ID", "terminalId": "%s", "seqrId": "%s"}
                """.formatted(unique("c"), terminalId, seqrId);
    }
}
