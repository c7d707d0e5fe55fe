package com.seqrbackoffice.backoffice;

import java.math.BigDecimal;

/**
 * What recording a discrepancy change writes: its status from {@code from} to {@code to} (the update is guarded by
 * {@code from}, so a change made meanwhile wins), a history row, the same for its twins, and for a settlement with
 * money to move a correcting ledger entry ({@code correctionType} CORRECTION_IN or CORRECTION_OUT, else null).
 * {@code correctionKey} is the entry key of the correcting entry the history names: the new one, or the one a
 * twin's settlement booked.
 */
public record DiscrepancyDecision(long discrepancyId, DiscrepancyStatus from, DiscrepancyStatus to, String by,
                                  String reason, String correctionType, BigDecimal correctionAmount,
                                  String correctionKey) {
}
