package com.seqrbackoffice.seqr.client;

/**
 * SEQR did not carry out the call, and the same call may succeed later: a transient result code (2, 48, 90, 93,
 * 94) or a connection that could not be opened, so the request was never sent. Retry with back-off.
 */
public final class SeqrTransientException extends SeqrException {

    /** {@link #getCode()} when there is no result code because the request never reached SEQR. */
    public static final int NOT_DELIVERED = -1;

    private final int code;

    SeqrTransientException(String operation, int code, String description) {
        super(operation, "SEQR " + operation + " answered " + code + " " + SeqrResultCode.nameOf(code)
                + describe(description), null);
        this.code = code;
    }

    SeqrTransientException(String operation, Throwable cause) {
        super(operation, "SEQR " + operation + " was not delivered: " + cause, cause);
        this.code = NOT_DELIVERED;
    }

    public int getCode() {
        return code;
    }

    /** The result code's name, or {@code NOT_DELIVERED}. */
    public String getCodeName() {
        return code == NOT_DELIVERED ? "NOT_DELIVERED" : SeqrResultCode.nameOf(code);
    }

    static String describe(String description) {
        return description == null || description.isBlank() ? "" : " (" + description + ")";
    }
}
