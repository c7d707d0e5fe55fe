package com.seqrbackoffice.seqr.emulator;

import com.seqrbackoffice.seqr.client.SeqrResultCode;

/**
 * An operation refused with a SEQR result code. Thrown inside the emulator and turned into a normal response
 * carrying the code, as SEQR reports every error (API.md §10: no SOAP faults in the docs).
 */
final class Refusal extends RuntimeException {

    private final transient SeqrResultCode code;

    Refusal(SeqrResultCode code, String reason) {
        // refusals are routine answers on the hot path: no stack trace
        super(reason, null, false, false);
        this.code = code;
    }

    SeqrResultCode code() {
        return code;
    }
}
