package com.seqrbackoffice.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.RouteTestSupport;

/**
 * A terminal's commands through handle-terminal-command, at route level: each is carried out in its first delivery.
 * A black-box test sees only the outcome, and a delivery that failed after SEQR's call and succeeded when the
 * broker redelivered it would look the same to it; NotifyBuilder sees every delivery.
 */
class TerminalCommandRouteTest extends RouteTestSupport {

    @Test
    void registerAssignAndUnregisterAreEachCarriedOutInOneDeliveryWithOneSeqrCall() {
        String terminalId = "till-" + UUID.randomUUID().toString().substring(0, 8);
        String seqrId = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        Map<String, String> commands = Map.of(
                "TERMINAL_REGISTERED", """
                        {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till R"}""",
                "SEQR_ID_ASSIGNED", """
                        {"messageId": "%s", "command": "ASSIGN_SEQR_ID", "terminalId": "%s", "seqrId": "%s"}""",
                "TERMINAL_UNREGISTERED", """
                        {"messageId": "%s", "command": "UNREGISTER", "terminalId": "%s"}""");
        Map<String, String> operations = Map.of("TERMINAL_REGISTERED", "registerTerminal",
                "SEQR_ID_ASSIGNED", "assignSeqrId", "TERMINAL_UNREGISTERED", "unregisterTerminal");
        Map<String, String> statusAfter = Map.of("TERMINAL_REGISTERED", "REGISTERED", "SEQR_ID_ASSIGNED", "REGISTERED",
                "TERMINAL_UNREGISTERED", "UNREGISTERED");

        for (String event : new String[] {"TERMINAL_REGISTERED", "SEQR_ID_ASSIGNED", "TERMINAL_UNREGISTERED"}) {
            long seqrCalls = emulator().counters().calls(operations.get(event));
            NotifyBuilder carriedOut = new NotifyBuilder(context()).fromRoute("handle-terminal-command")
                    .whenCompleted(1).create();
            NotifyBuilder rolledBack = new NotifyBuilder(context()).fromRoute("handle-terminal-command")
                    .whenFailed(1).create();

            template().sendBody("jms:queue:" + queue("terminal-commands"),
                    commands.get(event).formatted(UUID.randomUUID(), terminalId, seqrId));

            assertThat(carriedOut.matches(20, TimeUnit.SECONDS)).as("%s: the command carried out", event).isTrue();
            Exchange announced = receive(queue("payment-events"),
                    "terminalId = '" + terminalId + "' AND type = '" + event + "'", Duration.ofSeconds(10));
            assertThat(announced).as("the %s event", event).isNotNull();
            assertThat(rolledBack.matches()).as("%s: a delivery rolled back", event).isFalse();
            assertThat(emulator().counters().calls(operations.get(event)) - seqrCalls)
                    .as("%s calls", operations.get(event)).isEqualTo(1);
            assertThat(rows("select status from terminals where terminal_id = ?", terminalId))
                    .extracting(row -> row.get("status")).containsExactly(statusAfter.get(event));
            if (event.equals("SEQR_ID_ASSIGNED")) {
                assertThat(rows("select seqr_id from terminals where terminal_id = ?", terminalId))
                        .extracting(row -> row.get("seqr_id")).containsExactly(seqrId);
            }
        }
        System.out.println("Terminal commands (route level): REGISTER, ASSIGN_SEQR_ID and UNREGISTER each carried out"
                + " by handle-terminal-command in its first delivery, 1 SEQR call each, the ledger's terminal row after each");
    }
}
