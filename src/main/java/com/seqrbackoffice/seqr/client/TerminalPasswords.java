package com.seqrbackoffice.seqr.client;

import java.util.Optional;

/**
 * Where the SEQR client finds a terminal's current password when SEQR refuses the one it sent (20
 * AUTHENTICATION_FAILED): another instance may have changed it, and this one's copy is stale.
 */
public interface TerminalPasswords {

    /** A password of SEQR terminal {@code seqrTerminalId} other than {@code rejected}, as the ledger has it now. */
    Optional<String> freshPassword(String seqrTerminalId, String rejected);
}
