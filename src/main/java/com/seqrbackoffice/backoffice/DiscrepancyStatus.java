package com.seqrbackoffice.backoffice;

import java.util.Set;

/**
 * Where the work on a reconciliation discrepancy stands. OPEN: found, not looked at yet. EXPLAINED: understood,
 * and the ledger needs no correction (a timing difference that the next period shows, a test payment). SETTLED:
 * the ledger was corrected to SEQR's figures by a correcting entry; final.
 */
public enum DiscrepancyStatus {
    OPEN, EXPLAINED, SETTLED;

    /** The statuses a discrepancy in this one may move to. */
    Set<DiscrepancyStatus> next() {
        return switch (this) {
            case OPEN -> Set.of(EXPLAINED, SETTLED);
            case EXPLAINED -> Set.of(OPEN, SETTLED);
            case SETTLED -> Set.of();
        };
    }
}
