package com.seqrbackoffice.backoffice;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import com.seqrbackoffice.payments.Json;

/**
 * The rules for working a reconciliation discrepancy: which status changes are allowed, and what a settlement
 * books. Settling corrects the ledger to SEQR's figures without touching an entry: a new entry of the difference,
 * CORRECTION_IN when SEQR moved more money to the shop than the ledger says, CORRECTION_OUT when less. A payment
 * counts for the shop, a refund or a reversal (SEQR giving the money back) against it. The shop's period and its
 * till's both report an item, so it has a discrepancy per scope (twins, view discrepancy_twins): a change moves
 * the twins with it, and the item's correcting entry is booked once.
 */
public final class DiscrepancyRules {

    public static final String CORRECTION_IN = "CORRECTION_IN";
    public static final String CORRECTION_OUT = "CORRECTION_OUT";

    private static final int MAX_BY = 100;
    private static final int MAX_REASON = 500;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** The change a request asks for: {@code {"status": "EXPLAINED", "by": "anna", "reason": "..."}}. */
    public DiscrepancyChange change(String discrepancyId, String body) {
        long id = discrepancyId(discrepancyId);
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw invalid("the request is not JSON: {\"status\": ..., \"by\": ..., \"reason\": ...}");
        }
        if (request == null || !request.isObject()) {
            throw invalid("the request is not a JSON object: {\"status\": ..., \"by\": ..., \"reason\": ...}");
        }
        String status = text(request, "status", 16);
        DiscrepancyStatus target;
        try {
            target = DiscrepancyStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw invalid("status must be OPEN, EXPLAINED or SETTLED, not " + status);
        }
        return new DiscrepancyChange(id, target, text(request, "by", MAX_BY), text(request, "reason", MAX_REASON));
    }

    /** A discrepancy id from a request path. */
    public long discrepancyId(String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid("not a discrepancy id: " + value);
    }

    /**
     * What the change does to the discrepancy as the ledger has it ({@code row}: sql/backoffice/discrepancy.sql,
     * null when there is none). Refused: an unknown discrepancy, a change the current status does not allow, and a
     * settlement whose correcting entry cannot be written (no payment for it in the ledger, or a discrepancy found
     * before the ledger recorded what it concerns).
     */
    public DiscrepancyDecision decide(Map<String, Object> row, DiscrepancyChange change) {
        if (row == null) {
            throw BackofficeRequestException.notFound("UNKNOWN_DISCREPANCY", "no discrepancy " + change.discrepancyId());
        }
        DiscrepancyStatus current = DiscrepancyStatus.valueOf((String) row.get("status"));
        if (current == change.status()) {
            throw BackofficeRequestException.conflict("STATUS_UNCHANGED",
                    "discrepancy " + change.discrepancyId() + " is already " + current);
        }
        if (!current.next().contains(change.status())) {
            throw BackofficeRequestException.conflict("STATUS_CHANGE_REFUSED", "discrepancy " + change.discrepancyId()
                    + " is " + current + ", which is final: its correcting entry is in the ledger");
        }
        String twinCorrection = (String) row.get("twin_correction_key");
        if (change.status() == DiscrepancyStatus.SETTLED && twinCorrection != null) {
            // the same item's discrepancy in another scope was settled: its entry corrected the ledger already
            return new DiscrepancyDecision(change.discrepancyId(), current, change.status(), change.by(),
                    change.reason(), null, null, twinCorrection);
        }
        BigDecimal correction = change.status() == DiscrepancyStatus.SETTLED ? correction(row, change) : BigDecimal.ZERO;
        if (correction.signum() == 0) {
            return new DiscrepancyDecision(change.discrepancyId(), current, change.status(), change.by(),
                    change.reason(), null, null, null);
        }
        if (!Boolean.TRUE.equals(row.get("payment_known"))) {
            throw BackofficeRequestException.conflict("NO_PAYMENT_IN_LEDGER", "discrepancy " + change.discrepancyId()
                    + " names order " + row.get("order_id") + ", which the ledger has no payment for, so no correcting"
                    + " entry can be booked: explain it instead, with what was done about it");
        }
        return new DiscrepancyDecision(change.discrepancyId(), current, change.status(), change.by(), change.reason(),
                correction.signum() > 0 ? CORRECTION_IN : CORRECTION_OUT, correction.abs(),
                row.get("order_id") + ":CORRECTION:" + change.discrepancyId());
    }

    /** Refuses a change whose discrepancy another change moved between the decision and its recording. */
    public void changedMeanwhile(long discrepancyId) {
        throw BackofficeRequestException.conflict("CHANGED_MEANWHILE",
                "discrepancy " + discrepancyId + " was changed by someone else meanwhile: look at it again");
    }

    /**
     * SEQR's net minus the ledger's for the item: what the ledger must add to the money received (negative: take
     * from it). A side that does not have the item counts zero.
     */
    static BigDecimal correction(Map<String, Object> row, DiscrepancyChange change) {
        String item = (String) row.get("item_type");
        if (item == null) {
            throw BackofficeRequestException.conflict("ITEM_TYPE_UNKNOWN", "discrepancy " + change.discrepancyId()
                    + " was found before the ledger recorded whether it is a payment, refund or reversal: book its"
                    + " correction by hand and explain it");
        }
        BigDecimal difference = amount(row.get("seqr_amount")).subtract(amount(row.get("ledger_amount")));
        return "PAYMENT".equals(item) ? difference : difference.negate();
    }

    private static BigDecimal amount(Object value) {
        return value == null ? BigDecimal.ZERO : (BigDecimal) value;
    }

    private static String text(JsonNode request, String field, int maxLength) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(field + " is required (text)");
        }
        String text = value.asText().strip();
        if (text.length() > maxLength || CONTROL.matcher(text).find()) {
            throw invalid(field + " must be at most " + maxLength + " characters, without control characters");
        }
        return text;
    }

    private static BackofficeRequestException invalid(String message) {
        return BackofficeRequestException.badRequest("INVALID_REQUEST", message);
    }
}
