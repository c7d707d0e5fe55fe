package com.seqrbackoffice.backoffice;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may use the back office on the management port. Bound to a loopback address only people on the host reach
 * it, and it is open to them unless a password is set; bound to any other address it takes the user and
 * password of the settings (HTTP Basic: the port is plain HTTP, so bind it to a private network or put TLS in
 * front). No password there is a mistake the app refuses to start with, rather than open the ledger to a network.
 */
public final class BackofficeAccess {

    /** How requests are admitted. */
    public enum Mode { OPEN, PASSWORD }

    private final Mode mode;
    private final byte[] expected;

    private BackofficeAccess(Mode mode, String user, String password) {
        this.mode = mode;
        this.expected = mode == Mode.OPEN ? new byte[0]
                : ("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The access of a management server bound to {@code host} with the back office's settings.
     *
     * @throws IllegalStateException when the host is not a loopback address and no password is set
     */
    public static BackofficeAccess of(String host, String user, String password) {
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasPassword && (user == null || user.isEmpty() || user.contains(":"))) {
            throw new IllegalStateException("backoffice.http.user must be set, without ':', when backoffice.http.password is");
        }
        if (hasPassword) {
            return new BackofficeAccess(Mode.PASSWORD, user, password);
        }
        if (!isLoopback(host)) {
            throw new IllegalStateException("camel.management.host is " + host + ", which other machines can reach:"
                    + " set backoffice.http.password (and backoffice.http.user) so that the back office asks for them");
        }
        return new BackofficeAccess(Mode.OPEN, null, null);
    }

    public Mode mode() {
        return mode;
    }

    /** Whether a request with this {@code Authorization} header (null: none) is let in. */
    public boolean admits(String authorization) {
        if (mode == Mode.OPEN) {
            return true;
        }
        // the same time whatever the header holds, so its content cannot be guessed from the answer's delay
        return MessageDigest.isEqual(expected, (authorization == null ? "" : authorization).getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
