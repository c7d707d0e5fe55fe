package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FailOnce;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * The app dies after SEQR unregistered a terminal and before the ledger recorded it (CrashRecoveryIT's kill during
 * terminal commands met it against a SEQR at 300 ms). The crash is made here by failing the route once, for one
 * terminal, right after SEQR's answer: the redelivery's unregisterTerminal is answered 29, as SEQR no longer knows
 * the terminal, and must still end in UNREGISTERED and the till's event rather than a dead letter.
 */
class UnregisterAfterACrashTest extends FlowTestSupport {

    // the terminal whose next unregistration dies after SEQR's answer
    private static final FailOnce DIE_AFTER_SEQR = new FailOnce();

    @BeforeAll
    static void start() throws Exception {
        startApp(Map.of());
        AdviceWith.adviceWith(app.context(), "close-terminal", advice -> advice
                .weaveByToUri("cxf:bean:seqr?defaultOperationName=unregisterTerminal").after().process(exchange -> {
                    if (DIE_AFTER_SEQR.takeFor(exchange.getVariable("terminalId"))) {
                        throw new IllegalStateException("the app died after SEQR's answer");
                    }
                }));
    }

    @Test
    void anUnregisterRedeliveredAfterSeqrUnregisteredTheTerminalRecordsItUnregistered() {
        String terminalId = registeredTerminal();
        long unregisterCalls = emulator().counters().calls("unregisterTerminal");
        DIE_AFTER_SEQR.armFor(terminalId);

        till.send(queue("terminal-commands"), """
                {"messageId": "%s", "command": "UNREGISTER", "terminalId": "%s"}""".formatted(unique("c"), terminalId));

        TillClient.Received event = till.receive(queue("payment-events"),
                "terminalId = '" + terminalId + "' AND type = 'TERMINAL_UNREGISTERED'", EVENT_TIMEOUT);
        assertThat(event).as("TERMINAL_UNREGISTERED event").isNotNull();
        assertThat(DIE_AFTER_SEQR.taken()).as("the first delivery died after SEQR's answer").isTrue();
        assertThat(emulator().counters().calls("unregisterTerminal") - unregisterCalls)
                .as("unregisterTerminal calls: the first, then the redelivery's answered 29").isEqualTo(2);
        assertThat(rows("select status from terminals where terminal_id = ?", terminalId))
                .extracting(row -> row.get("status")).containsExactly("UNREGISTERED");
        assertThat(till.drain(queue("dead-letter"), "deadLetterQueue = '" + queue("terminal-commands") + "'",
                Duration.ofSeconds(1))).as("nothing dead-lettered").isEmpty();
    }
}
