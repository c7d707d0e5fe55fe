package com.seqrbackoffice.reliability;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;

/** The roles on the embedded broker, whose users are the setting broker.embedded.users. */
class BrokerRolesTest extends BrokerRolesContract {

    @BeforeAll
    static void start() {
        startApp(Map.of("broker.embedded.users", USERS.entrySet().stream()
                .map(user -> user.getKey() + ":" + PASSWORD + ":" + String.join("+", user.getValue()))
                .collect(Collectors.joining(","))));
        connectClients(app.setting("broker.embedded.acceptor"));
    }
}
