package com.seqrbackoffice.testing;

import java.util.Map;
import java.util.TreeMap;

/**
 * Secrets for an app in the production shape (an external broker or database), where start-up refuses the shipped
 * ones: the app's broker password, its embedded broker's other users, a reseller user that the emulator knows too,
 * and a terminal-password key shared by every instance of a test.
 */
public final class TestSecrets {

    public static final String BROKER_PASSWORD = "broker-test-only";
    public static final String RESELLER_ID = "test_shop";
    public static final String RESELLER_USER_ID = "7777";
    public static final String RESELLER_PASSWORD = "reseller-test-only";

    private TestSecrets() {
    }

    /** The app's settings, with {@code passwordKey} as terminals.password-key. */
    public static Map<String, String> appSettings(String passwordKey) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("broker.password", BROKER_PASSWORD);
        settings.put("broker.embedded.users", "till-1:till-test-only:till+terminal.till-1,orders:orders-test-only:orders,"
                + "backoffice:backoffice-test-only:backoffice");
        settings.put("seqr.reseller.id", RESELLER_ID);
        settings.put("seqr.reseller.user-id", RESELLER_USER_ID);
        settings.put("seqr.reseller.password", RESELLER_PASSWORD);
        settings.put("terminals.password-key", passwordKey);
        settings.putAll(emulatorSettings());
        return settings;
    }

    /** The emulator's settings that make it know the reseller user. */
    public static Map<String, String> emulatorSettings() {
        return Map.of("seqr.emulator.resellers", RESELLER_ID + "/" + RESELLER_USER_ID + ":" + RESELLER_PASSWORD);
    }
}
