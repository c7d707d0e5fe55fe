package com.seqrbackoffice.seqr.client;

import java.util.Objects;

/**
 * What a payment call authenticates with: the terminal id SEQR returned from registerTerminal and the password
 * the back office chose for it.
 */
public record TerminalCredentials(String seqrTerminalId, String password) {

    public TerminalCredentials {
        Objects.requireNonNull(seqrTerminalId, "seqrTerminalId");
        Objects.requireNonNull(password, "password");
    }

    // Keeps the password out of logs, error messages and dead-letter properties that print this record
    @Override
    public String toString() {
        return "TerminalCredentials[seqrTerminalId=" + seqrTerminalId + ", password=***]";
    }
}
