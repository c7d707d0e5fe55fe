package com.seqrbackoffice.backoffice;

/** A request to move a discrepancy to another status: who asks, and why (both kept in its history). */
public record DiscrepancyChange(long discrepancyId, DiscrepancyStatus status, String by, String reason) {
}
