package com.seqrbackoffice.app;

import java.util.ArrayList;
import java.util.List;

import com.seqrbackoffice.backoffice.BackofficeAccess;

/**
 * Jolokia and Camel's developer console on the management port serve people on this machine only. Both reach
 * further than reading: Jolokia invokes any JMX operation (stop a route, purge a queue), the developer console
 * shows every setting, browses pending messages and evaluates expressions. Neither has a password of its own, so on a management host other
 * machines can reach, either one is a mistake the app refuses to start with.
 */
final class ManagementConsoles {

    private ManagementConsoles() {
    }

    /** @throws IllegalStateException when a console is on and {@code host} is not a loopback address */
    static void check(String host, boolean jolokia, boolean devConsole) {
        List<String> on = new ArrayList<>();
        if (jolokia) {
            on.add("camel.management.jolokia-enabled");
        }
        if (devConsole) {
            on.add("camel.management.dev-console-enabled");
        }
        if (!on.isEmpty() && !BackofficeAccess.isLoopback(host)) {
            throw new IllegalStateException("camel.management.host is " + host + ", which other machines can reach, and "
                    + String.join(" and ", on) + " would give them JMX operations without a password: set "
                    + (on.size() == 1 ? "it" : "them") + " to false, or bind the management port to 127.0.0.1 and tunnel to it");
        }
    }
}
