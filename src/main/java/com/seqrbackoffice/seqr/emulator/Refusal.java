package com.seqrbackoffice.seqr.emulator;

/**
 * An operation refused with a SEQR result code. Thrown inside the emulator and turned into a normal response
 * carrying the code, as SEQR reports every error (API.md §10: no SOAP faults in the docs).
 */
final class Refusal extends RuntimeException {

    private final transient ResultCode code;

    Refusal(ResultCode code, String reason) {
        // refusals are routine answers on the hot path: no stack trace
        super(reason, null, false, false);
        this.code = code;
    }

    ResultCode code() {
        return code;
    }
}
