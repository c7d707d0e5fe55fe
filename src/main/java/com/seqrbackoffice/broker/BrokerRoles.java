package com.seqrbackoffice.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;

/**
 * Who may do what on which queue. The roles and their permissions per queue are in config/artemis-broker.properties
 * (its {@code securityRoles}), in Artemis' own form: the external broker reads that file, and the embedded broker
 * takes them from the same file ({@link #fromFile(Path)}), so both enforce one set of rules. A till's user has role
 * {@code till} and the role of its own terminal, {@value #TERMINAL_ROLE_PREFIX}{@code <terminalId>}, which reads
 * that terminal's events queue; the app sets that permission per terminal ({@link #terminalQueuePermissions}).
 */
public final class BrokerRoles {

    /** The app's own role: every permission on every address. */
    public static final String APP = "app";
    public static final String TERMINAL_ROLE_PREFIX = "terminal.";

    /** Artemis' permissions, in the order of its management operation addSecuritySettings. */
    public static final List<String> PERMISSIONS = List.of("send", "consume", "createDurableQueue", "deleteDurableQueue",
            "createNonDurableQueue", "deleteNonDurableQueue", "manage", "browse", "createAddress", "deleteAddress");

    // reading a queue, as the roles file grants it: a reader may create the queue, whoever comes first
    private static final Set<String> READ = Set.of("consume", "browse", "createAddress", "createDurableQueue");

    private BrokerRoles() {
    }

    /** The security roles of a broker properties file, as Artemis reads them; any key it cannot apply fails. */
    public static Map<String, Set<Role>> fromFile(Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Broker roles file not found: " + file.toAbsolutePath()
                    + " (setting broker.embedded.roles-file)");
        }
        ConfigurationImpl parsed = new ConfigurationImpl();
        parsed.parseProperties(file.toAbsolutePath().toString());
        if (parsed.getStatus().contains("\"errors\":[{")) {
            throw new IllegalStateException("Broker roles file " + file + " has keys Artemis cannot apply: " + parsed.getStatus());
        }
        if (parsed.getSecurityRoles().getOrDefault("#", Set.of()).stream().noneMatch(role -> role.getName().equals(APP))) {
            throw new IllegalStateException("Broker roles file " + file + " gives role " + APP + " nothing on every address (\"#\")");
        }
        return parsed.getSecurityRoles();
    }

    /** The permissions on a terminal's own events queue: every one for the app, reading for the terminal's role. */
    public static Map<String, Set<String>> terminalQueuePermissions(String terminalId) {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        roles.put(APP, Set.copyOf(PERMISSIONS));
        roles.put(terminalRole(terminalId), READ);
        return roles;
    }

    public static String terminalRole(String terminalId) {
        return TERMINAL_ROLE_PREFIX + terminalId;
    }
}
