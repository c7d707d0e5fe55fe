package com.seqrbackoffice.seqr.emulator;

/** A customer action (confirm, decline) on an invoice that does not exist or no longer waits for the customer. */
public final class CustomerActionException extends RuntimeException {

    private final boolean unknownInvoice;

    CustomerActionException(boolean unknownInvoice, String message) {
        super(message);
        this.unknownInvoice = unknownInvoice;
    }

    /** True: no such invoice (HTTP 404); false: the invoice is not ISSUED (HTTP 409). */
    public boolean unknownInvoice() {
        return unknownInvoice;
    }
}
