package com.seqrbackoffice.backoffice;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a payment stands against SEQR's reports, from its ledger entries, their matches and its discrepancies. */
public enum PaymentReconciliation {
    /** No capture or refund yet: nothing SEQR's reports could show. */
    NOTHING_TO_RECONCILE,
    /** A capture or refund that no shop-wide period has taken yet (normal for today's). */
    NOT_YET_RECONCILED,
    /** Every capture and refund matched by SEQR in a shop-wide period. */
    RECONCILED,
    /** A reconciliation found a discrepancy that names it: see each one's status. */
    DISCREPANCIES;

    private static final Set<String> RECONCILED_TYPES = Set.of("CAPTURE", "REFUND");

    /**
     * @param entries       its ledger entries (id, entry_type)
     * @param matches       the reconciliation matches of those entries (ledger_entry_id, scope_key, matched)
     * @param discrepancies the discrepancies that name it
     */
    static PaymentReconciliation of(List<Map<String, Object>> entries, List<Map<String, Object>> matches,
                                    List<Map<String, Object>> discrepancies) {
        if (!discrepancies.isEmpty()) {
            return DISCREPANCIES;
        }
        Set<Object> toReconcile = entries.stream().filter(entry -> RECONCILED_TYPES.contains(entry.get("entry_type")))
                .map(entry -> entry.get("id")).collect(Collectors.toSet());
        if (toReconcile.isEmpty()) {
            return NOTHING_TO_RECONCILE;
        }
        Set<Object> matched = matches.stream()
                .filter(match -> "SHOP".equals(match.get("scope_key")) && Boolean.TRUE.equals(match.get("matched")))
                .map(match -> match.get("ledger_entry_id")).collect(Collectors.toSet());
        return matched.containsAll(toReconcile) ? RECONCILED : NOT_YET_RECONCILED;
    }
}
