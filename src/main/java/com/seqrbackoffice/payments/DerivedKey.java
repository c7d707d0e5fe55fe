package com.seqrbackoffice.payments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key for one purpose, derived with HMAC-SHA-256 from the secret every instance shares (the terminal password
 * key), so that one secret serves several uses without one use revealing another's values.
 */
public final class DerivedKey {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public DerivedKey(byte[] secret, String purpose) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret, ALGORITHM), purpose), ALGORITHM);
    }

    /** HMAC-SHA-256 of the text under this key. */
    public byte[] hmac(String text) {
        return hmac(key, text);
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No " + ALGORITHM + " in this JVM", e);
        }
    }
}
