package com.seqrbackoffice.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** A payment as the ledger's {@code payments} table holds it. */
public record Payment(String orderId, String requestMessageId, String terminalId, String invoiceReference,
                      PaymentStatus status, Money reservedAmount, BigDecimal finalAmount, String ersReference,
                      int seqrVersion, String title, Instant confirmDeadline, Instant commitDeadline,
                      String fulfilmentMessageId) {

    /** A row of {@code select * from payments}, as camel-sql returns it. */
    public static Payment fromRow(Map<String, Object> row) {
        String currency = ((String) row.get("currency")).trim();
        return new Payment(
                (String) row.get("order_id"),
                (String) row.get("request_message_id"),
                (String) row.get("terminal_id"),
                (String) row.get("invoice_reference"),
                PaymentStatus.valueOf((String) row.get("status")),
                new Money((BigDecimal) row.get("reserved_amount"), currency),
                (BigDecimal) row.get("final_amount"),
                (String) row.get("ers_reference"),
                ((Number) row.get("seqr_version")).intValue(),
                (String) row.get("title"),
                LedgerTime.instant(row.get("confirm_deadline")),
                LedgerTime.instant(row.get("commit_deadline")),
                (String) row.get("fulfilment_message_id"));
    }

    public String currency() {
        return reservedAmount.currency();
    }

    public Money finalMoney() {
        return finalAmount == null ? null : new Money(finalAmount, currency());
    }

    /** Deadlines as JDBC drivers take them (PostgreSQL's driver refuses Instant). */
    public OffsetDateTime confirmDeadlineUtc() {
        return confirmDeadline.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime commitDeadlineUtc() {
        return commitDeadline.atOffset(ZoneOffset.UTC);
    }
}
