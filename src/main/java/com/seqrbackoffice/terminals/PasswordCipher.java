package com.seqrbackoffice.terminals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts terminal passwords at rest with AES-GCM. The stored form is base64 of a random 12-byte nonce
 * followed by the ciphertext and its tag; the terminal id is bound as associated data, so a ciphertext copied
 * onto another terminal's row does not decrypt.
 */
public final class PasswordCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public PasswordCipher(byte[] key) {
        if (key.length != 16 && key.length != 32) {
            throw new IllegalArgumentException("An AES key has 16 or 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    public String encrypt(String terminalId, String password) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, terminalId);
            byte[] sealed = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt the password of terminal " + terminalId, e);
        }
    }

    public String decrypt(String terminalId, String stored) {
        byte[] bytes = Base64.getDecoder().decode(stored);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES), terminalId);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt the password of terminal " + terminalId
                    + ": the key differs from the one it was stored with", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String terminalId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(terminalId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
