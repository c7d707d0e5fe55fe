package com.seqrbackoffice.payments;

/**
 * An inbound message the product refuses: retrying it cannot help. The code is the {@code code} of the ERROR
 * event the till or back office receives; the message says what was wrong.
 */
public final class InvalidMessageException extends RuntimeException {

    private final String code;

    public InvalidMessageException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A malformed message ({@code MALFORMED_MESSAGE}): what a route's throwException step, which passes only a message, makes. */
    public InvalidMessageException(String message) {
        this("MALFORMED_MESSAGE", message);
    }

    public String getCode() {
        return code;
    }
}
