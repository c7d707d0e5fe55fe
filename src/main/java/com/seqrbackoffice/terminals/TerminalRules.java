package com.seqrbackoffice.terminals;

import java.util.List;
import java.util.Map;

import com.seqrbackoffice.payments.InvalidMessageException;

/** What a terminal command may do given the terminal's payments in the ledger. */
public final class TerminalRules {

    private static final int ORDERS_NAMED = 5;

    /**
     * A terminal with an ISSUED or RESERVED payment cannot be unregistered: SEQR refuses every later call of an
     * unregistered terminal, so its open payments could be neither polled, committed nor canceled. Returns the
     * refusal (rows of its open payments: order_id, status), or null when it has none.
     */
    public InvalidMessageException unregisterRefusal(String terminalId, List<Map<String, Object>> openPayments) {
        if (openPayments == null || openPayments.isEmpty()) {
            return null;
        }
        List<String> named = openPayments.stream().limit(ORDERS_NAMED)
                .map(row -> row.get("order_id") + " " + row.get("status")).toList();
        return new InvalidMessageException("TERMINAL_HAS_OPEN_PAYMENTS", "terminal " + terminalId + " has "
                + openPayments.size() + " open payment(s) (" + String.join(", ", named)
                + (openPayments.size() > ORDERS_NAMED ? ", ..." : "") + "): fulfil or cancel them before unregistering it");
    }
}
