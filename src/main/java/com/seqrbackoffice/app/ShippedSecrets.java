package com.seqrbackoffice.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.seqrbackoffice.broker.BrokerSettings;

/**
 * Start-up refuses the secrets seqr-backoffice ships when it runs outside its embedded defaults. The shipped values
 * make the one-command try-out work on one machine; anywhere else they are known to everyone who read this
 * repository. Production is: an external broker ({@code broker.embedded=false}), a database other than the embedded
 * H2 file, or {@code app.profile=production}. There, the start fails with one message naming each setting that
 * still holds a shipped value, and starts once each is replaced.
 */
final class ShippedSecrets {

    static final String PRODUCTION_PROFILE = "production";

    /**
     * What the repository ships: config/application.properties, and the fallbacks of an earlier docker-compose.yml
     * (its PostgreSQL volume still has that password unless someone changed it).
     */
    private static final Map<String, Set<String>> SHIPPED = Map.of(
            "broker.password", Set.of("seqr-local-only"),
            "ledger.password", Set.of("", "seqr-local-only"),
            // SEQR's public test shop, published with its API
            "seqr.reseller.password", Set.of("1234"),
            "terminals.password-key", Set.of("bG9jYWwtb25seS1rZXkhIQ=="),
            "backoffice.http.password", Set.of("seqr-local-only"));
    private static final Set<String> SHIPPED_BROKER_USER_PASSWORDS =
            Set.of("till-local-only", "orders-local-only", "backoffice-local-only");

    private ShippedSecrets() {
    }

    /** Why this is a production setup (empty: it runs on the embedded defaults and shipped values are fine). */
    static List<String> productionReasons(Settings settings) {
        List<String> reasons = new ArrayList<>();
        if (!settings.getBoolean("broker.embedded")) {
            reasons.add("an external broker");
        }
        if (!embeddedLedger(settings)) {
            reasons.add("an external database");
        }
        if (PRODUCTION_PROFILE.equals(settings.get("app.profile", ""))) {
            reasons.add("the production profile");
        }
        return reasons;
    }

    /** The settings that hold a shipped value, each with what is wrong with it. */
    static List<String> offending(Settings settings) {
        List<String> offending = new ArrayList<>();
        check(settings, "broker.password", offending);
        if (settings.getBoolean("broker.embedded")) {
            for (BrokerSettings.BrokerUser user : BrokerSettings.from(settings).embeddedUsers()) {
                if (SHIPPED_BROKER_USER_PASSWORDS.contains(user.password())) {
                    offending.add("broker.embedded.users (user " + user.name() + ")");
                }
            }
        }
        // an embedded H2 file's password guards a file on this machine, not a server
        if (!embeddedLedger(settings)) {
            check(settings, "ledger.password", offending);
        }
        check(settings, "seqr.reseller.password", offending);
        check(settings, "terminals.password-key", offending);
        // no key makes one per data folder; instances that share a database must share their key
        if (!embeddedLedger(settings) && settings.get("terminals.password-key", "").isEmpty()) {
            offending.add("terminals.password-key (not set: every instance that shares the ledger needs the same key)");
        }
        // empty is no secret: on loopback the back office is open to this machine, elsewhere BackofficeAccess refuses
        check(settings, "backoffice.http.password", offending);
        return offending;
    }

    /** Fails the start in a production setup that still holds a shipped secret. */
    static void refuseInProduction(Settings settings) {
        List<String> reasons = productionReasons(settings);
        if (reasons.isEmpty()) {
            return;
        }
        List<String> offending = offending(settings);
        if (!offending.isEmpty()) {
            throw new IllegalStateException("Refusing to start with shipped secrets in a production setup ("
                    + String.join(", ", reasons) + "): replace " + String.join(", ", offending)
                    + " (environment variables or a profile file; docs/security.md)");
        }
    }

    private static void check(Settings settings, String key, List<String> offending) {
        if (SHIPPED.get(key).contains(settings.get(key, ""))) {
            offending.add(key);
        }
    }

    private static boolean embeddedLedger(Settings settings) {
        String url = settings.get("ledger.url");
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }
}
