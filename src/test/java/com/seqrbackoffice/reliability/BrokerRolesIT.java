package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.ArtemisProcess;
import com.seqrbackoffice.testing.TillClient;

/**
 * The roles on an external Artemis broker configured as docker-compose.yml configures one: config/artemis-broker.properties
 * as its broker properties, the app's user with role app, the other users in the broker's own user store. The app
 * makes each terminal's queue readable through the broker's management address over TCP. A till added to the user
 * store while the broker runs reads its own events with no broker restart.
 */
class BrokerRolesIT extends BrokerRolesContract {

    private static ArtemisProcess broker;

    @BeforeAll
    static void start() throws Exception {
        broker = startAppOnExternalBroker("broker-roles", artemis -> {
            for (Map.Entry<String, List<String>> user : USERS.entrySet()) {
                artemis.addUser(user.getKey(), PASSWORD, user.getValue());
            }
        }, Map.of());
        connectClients(broker.url());
    }

    @Test
    void aTillAddedWhileTheBrokerRunsReadsItsOwnEventsOnly() throws Exception {
        String terminalC = unique("till-c");
        broker.addUser("user-c", PASSWORD, List.of("till", "terminal." + terminalC));

        try (TillClient tillC = client("user-c")) {
            register(tillC, terminalC);
            String orderId = unique("order");
            tillC.send(queue("payment-requests"), paymentRequest(terminalC, orderId, "15.00"));
            TillClient.Received issued = tillC.receive(terminalQueue(terminalC), "orderId = '" + orderId + "'", EVENT_TIMEOUT);
            assertThat(issued).as("ISSUED on the new till's own queue").isNotNull();
            assertThat(issued.field("status")).isEqualTo("ISSUED");
            assertThatThrownBy(() -> tillC.receive(terminalQueue(TERMINAL_A), null, EVENT_TIMEOUT))
                    .hasRootCauseInstanceOf(ActiveMQSecurityException.class);
        }
    }
}
