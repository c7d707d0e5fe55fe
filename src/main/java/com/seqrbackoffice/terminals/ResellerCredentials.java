package com.seqrbackoffice.terminals;

import com.seqrbackoffice.payments.InvalidMessageException;
import com.seqrbackoffice.seqr.client.SeqrPermanentException;

/**
 * Turns SEQR's refusal of the reseller user (registerTerminal, markTransactionPeriod and executeReport run as the
 * reseller) into an error that names the settings to fix, instead of a bare result code.
 */
public final class ResellerCredentials {

    private final String resellerId;
    private final String userId;

    public ResellerCredentials(String resellerId, String userId) {
        this.resellerId = resellerId;
        this.userId = userId;
    }

    /** 20 AUTHENTICATION_FAILED or 37 INITIATOR_PRINCIPAL_NOT_FOUND: the reseller settings are wrong. */
    public static boolean isCredentialsRefusal(SeqrPermanentException refusal) {
        return refusal.getCode() == 20 || refusal.getCode() == 37;
    }

    public void refused(SeqrPermanentException refusal) {
        String what = refusal.getCode() == 20 ? "refused the password of reseller user"
                : "does not know reseller user";
        throw new InvalidMessageException("RESELLER_CREDENTIALS_REFUSED", "SEQR " + what + " " + resellerId + "/"
                + userId + " (" + refusal.getCode() + " " + refusal.getCodeName() + " in " + refusal.getOperation()
                + "): check the settings seqr.reseller.id, seqr.reseller.user-id and seqr.reseller.password");
    }
}
