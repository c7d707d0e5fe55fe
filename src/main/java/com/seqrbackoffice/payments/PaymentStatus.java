package com.seqrbackoffice.payments;

import java.util.Set;

/** A payment's status in the ledger, as SEQR reports it. */
public enum PaymentStatus {
    ISSUED, RESERVED, PAID, CANCELED, EXPIRED, FAILED;

    private static final Set<PaymentStatus> FINAL = Set.of(PAID, CANCELED, EXPIRED, FAILED);

    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
