package com.seqrbackoffice.seqr.client;

/**
 * SEQR answered with a result code that another try would not change: bad credentials (20, 21, 29, 37), a state
 * that does not allow the call (50, 95, 96), bad data (49, 53), refunds refused (97, 98, 99) and the rest. The
 * message is the dead-letter reason.
 */
public final class SeqrPermanentException extends SeqrException {

    private final int code;

    SeqrPermanentException(String operation, int code, String description) {
        super(operation, "SEQR " + operation + " answered " + code + " " + SeqrResultCode.nameOf(code)
                + SeqrTransientException.describe(description), null);
        this.code = code;
    }

    public int getCode() {
        return code;
    }

    /** The constant name of the code, e.g. {@code INVOICE_STATE_NOT_RESERVED}. */
    public String getCodeName() {
        return SeqrResultCode.nameOf(code);
    }
}
