package com.seqrbackoffice.backoffice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import com.seqrbackoffice.broker.DeadLetters.DeadLetter;
import com.seqrbackoffice.payments.Json;
import com.seqrbackoffice.payments.PaymentStatus;

/**
 * The JSON answers of the back office's HTTP routes ({@code routes/backoffice.camel.yaml}), made of the rows the
 * routes' queries read ({@code sql/backoffice/}). Field names are the ledger's columns in camel case.
 */
public final class BackofficeViews {

    private final ZoneId shopZone;
    private final int maxRows;
    private final int refreshSeconds;
    private final Clock clock;

    /**
     * @param shopZone       the zone "today" is read in (the reporting time zone)
     * @param maxRows        rows per table of the page, and the most payments a search returns
     * @param refreshSeconds how often the page asks for a new summary
     */
    public BackofficeViews(ZoneId shopZone, int maxRows, int refreshSeconds, Clock clock) {
        this.shopZone = shopZone;
        this.maxRows = maxRows;
        this.refreshSeconds = refreshSeconds;
        this.clock = clock;
    }

    public int maxRows() {
        return maxRows;
    }

    /** Midnight at the start of today in the shop's zone, as JDBC drivers take it. */
    public OffsetDateTime startOfToday() {
        return LocalDate.now(clock.withZone(shopZone)).atStartOfDay(shopZone).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
    }

    public PaymentSearch search(String terminalId, String status, String from, String to, String limit) {
        return PaymentSearch.of(blankAsNull(terminalId), blankAsNull(status), blankAsNull(from), blankAsNull(to),
                blankAsNull(limit), maxRows);
    }

    /** The payment's row (sql/backoffice/payment.sql); an unknown order is refused with 404. */
    public Map<String, Object> requirePayment(Map<String, Object> payment, String orderId) {
        if (payment == null) {
            throw BackofficeRequestException.notFound("UNKNOWN_ORDER", "no payment for order " + orderId);
        }
        return payment;
    }

    /** The discrepancy's row (sql/backoffice/discrepancy.sql); an unknown one is refused with 404. */
    public Map<String, Object> requireDiscrepancy(Map<String, Object> discrepancy, long discrepancyId) {
        if (discrepancy == null) {
            throw BackofficeRequestException.notFound("UNKNOWN_DISCREPANCY", "no discrepancy " + discrepancyId);
        }
        return discrepancy;
    }

    /** {@code GET /payments/{orderId}}: everything the ledger knows of one payment. */
    public String paymentDetail(Map<String, Object> payment, List<Map<String, Object>> history,
                                List<Map<String, Object>> entries, List<Map<String, Object>> events,
                                List<Map<String, Object>> refunds, List<Map<String, Object>> matches,
                                List<Map<String, Object>> discrepancies) {
        Map<String, Object> reconciliation = new LinkedHashMap<>();
        reconciliation.put("status", PaymentReconciliation.of(entries, matches, discrepancies));
        reconciliation.put("matches", LedgerRows.json(matches));
        reconciliation.put("discrepancies", LedgerRows.json(discrepancies));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("payment", LedgerRows.json(payment));
        detail.put("history", LedgerRows.json(history));
        detail.put("ledgerEntries", LedgerRows.json(entries));
        detail.put("events", events.stream().map(event -> parse((String) event.get("body"))).toList());
        detail.put("refunds", LedgerRows.json(refunds));
        detail.put("reconciliation", reconciliation);
        return Json.write(detail);
    }

    /** {@code GET /payments?...}: the payments found, newest first. */
    public String searchResult(List<Map<String, Object>> payments, PaymentSearch search) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("search", search);
        result.put("count", payments.size());
        result.put("payments", LedgerRows.json(payments));
        return Json.write(result);
    }

    /** {@code GET /discrepancies/{id}}: a discrepancy with its history (who changed it, why, what it booked). */
    public String discrepancy(Map<String, Object> discrepancy, List<Map<String, Object>> history) {
        Map<String, Object> result = LedgerRows.json(discrepancy);
        result.put("history", LedgerRows.json(history));
        return Json.write(result);
    }

    /**
     * {@code GET /backoffice/summary}, what the page shows: today's payments per status, the holds soonest
     * deadline first with the seconds left, the last reconciliation of each scope, the discrepancies to work and
     * the dead letters with their reasons.
     */
    public String summary(List<Map<String, Object>> paymentsToday, List<Map<String, Object>> holds,
                          List<Map<String, Object>> reconciliations, List<Map<String, Object>> discrepancies,
                          List<DeadLetter> deadLetters) {
        Instant now = clock.instant();
        Map<String, Object> perStatus = new LinkedHashMap<>();
        for (PaymentStatus status : PaymentStatus.values()) {
            perStatus.put(status.name(), 0L);
        }
        paymentsToday.forEach(row -> perStatus.put((String) row.get("status"), ((Number) row.get("payments")).longValue()));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("generatedAt", now.toString());
        summary.put("timeZone", shopZone.getId());
        summary.put("refreshSeconds", refreshSeconds);
        summary.put("paymentsToday", perStatus);
        summary.put("holdCount", holds.isEmpty() ? 0L : ((Number) holds.get(0).get("hold_count")).longValue());
        summary.put("holds", holds.stream().map(hold -> hold(hold, now)).toList());
        summary.put("reconciliations", LedgerRows.json(reconciliations));
        summary.put("discrepancies", LedgerRows.json(discrepancies));
        summary.put("deadLetters", deadLetters);
        return Json.write(summary);
    }

    /** The HTTP status a failed request is answered with: a refusal's own, 500 for any other failure. */
    public int status(Exception failure) {
        return refusal(failure).map(BackofficeRequestException::getStatus).orElse(500);
    }

    /** The JSON body of a refused or failed request. */
    public String error(Exception failure) {
        Map<String, Object> error = new LinkedHashMap<>();
        Optional<BackofficeRequestException> refusal = refusal(failure);
        if (refusal.isPresent()) {
            error.put("error", refusal.get().getCode());
            error.put("message", refusal.get().getMessage());
        } else {
            error.put("error", "INTERNAL_ERROR");
            error.put("message", "the request failed (" + failure.getClass().getSimpleName() + "); the app's log says why");
        }
        return Json.write(error);
    }

    // Camel wraps what a bean step throws
    private static Optional<BackofficeRequestException> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BackofficeRequestException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> hold(Map<String, Object> row, Instant now) {
        Map<String, Object> hold = LedgerRows.json(row);
        hold.remove("holdCount");
        Instant deadline = Instant.parse((String) hold.get("commitDeadline"));
        hold.put("secondsLeft", Duration.between(now, deadline).toSeconds());
        return hold;
    }

    private static Object parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A kept event is not JSON: " + json, e);
        }
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
