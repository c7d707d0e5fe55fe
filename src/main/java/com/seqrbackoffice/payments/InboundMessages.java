package com.seqrbackoffice.payments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import com.seqrbackoffice.refunds.RefundRequest;
import com.seqrbackoffice.terminals.TerminalCommand;

/**
 * Reads inbound messages: each is checked against its JSON Schema (src/main/resources/schemas, documented in
 * docs/messages.md) and then against the business rules a schema cannot state. Anything refused raises an
 * {@link InvalidMessageException} that says what was wrong.
 */
public final class InboundMessages {

    private static final String SCHEMA_BASE = "https://seqr-backoffice.dev/schemas/";

    private final Set<String> currencies;
    private final int maxBytes;
    private final Map<Class<?>, JsonSchema> schemas;

    public InboundMessages(Set<String> currencies, int maxBytes) {
        this.currencies = Set.copyOf(currencies);
        this.maxBytes = maxBytes;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
        this.schemas = Map.of(
                PaymentRequest.class, schema(factory, "payment-request"),
                Fulfilment.class, schema(factory, "fulfilment"),
                Cancellation.class, schema(factory, "cancellation"),
                RefundRequest.class, schema(factory, "refund-request"),
                TerminalCommand.class, schema(factory, "terminal-command"));
    }

    public PaymentRequest paymentRequest(String json) {
        PaymentRequest request = read(json, PaymentRequest.class);
        checkAmount("amount", request.amount());
        List<ItemRow> rows = request.rows() == null || request.rows().isEmpty()
                ? List.of(new ItemRow(request.title(), null, BigDecimal.ONE, request.amount(), null))
                : request.rows();
        checkRows(rows, request.amount());
        return new PaymentRequest(request.messageId(), request.terminalId(), request.orderId(), request.title(),
                request.amount(), request.commitReservationTimeoutSeconds(), request.cashierId(), rows);
    }

    public Fulfilment fulfilment(String json) {
        Fulfilment fulfilment = read(json, Fulfilment.class);
        checkAmount("finalAmount", fulfilment.finalAmount());
        List<ItemRow> rows = fulfilment.rows() == null || fulfilment.rows().isEmpty()
                ? List.of(new ItemRow(null, null, BigDecimal.ONE, fulfilment.finalAmount(), null))
                : fulfilment.rows();
        checkRows(rows, fulfilment.finalAmount());
        return new Fulfilment(fulfilment.messageId(), fulfilment.orderId(), fulfilment.finalAmount(), rows);
    }

    public Cancellation cancellation(String json) {
        return read(json, Cancellation.class);
    }

    /** A refund of a paid payment: a positive amount in an accepted currency. */
    public RefundRequest refundRequest(String json) {
        RefundRequest refund = read(json, RefundRequest.class);
        checkAmount("amount", refund.amount());
        return refund;
    }

    public TerminalCommand terminalCommand(String json) {
        return read(json, TerminalCommand.class);
    }

    private <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidMessageException("MALFORMED_MESSAGE", "the message is empty");
        }
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw new InvalidMessageException("MESSAGE_TOO_LARGE",
                    "the message has " + size + " bytes, more than the limit of " + maxBytes);
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("MALFORMED_MESSAGE", "the message is not valid JSON: " + e.getOriginalMessage());
        }
        Set<ValidationMessage> violations = schemas.get(type).validate(node);
        if (!violations.isEmpty()) {
            throw new InvalidMessageException("INVALID_MESSAGE", "the message does not match its schema: "
                    + violations.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("INVALID_MESSAGE", "the message cannot be read: " + e.getOriginalMessage());
        }
    }

    private void checkAmount(String field, Money amount) {
        if (amount.value().signum() <= 0) {
            throw new InvalidMessageException("INVALID_AMOUNT", field + " must be above zero, not " + amount);
        }
        if (!currencies.contains(amount.currency())) {
            throw new InvalidMessageException("UNSUPPORTED_CURRENCY",
                    field + " is in " + amount.currency() + "; accepted currencies are " + currencies.stream().sorted().toList());
        }
    }

    private static void checkRows(List<ItemRow> rows, Money total) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ItemRow row : rows) {
            if (!row.totalAmount().currency().equals(total.currency())) {
                throw new InvalidMessageException("INVALID_ROWS",
                        "a row is in " + row.totalAmount().currency() + " but the total is in " + total.currency());
            }
            sum = sum.add(row.totalAmount().value());
        }
        if (sum.compareTo(total.value()) != 0) {
            throw new InvalidMessageException("INVALID_ROWS",
                    "the rows sum to " + new Money(sum, total.currency()) + ", not to the total " + total);
        }
    }

    private static JsonSchema schema(JsonSchemaFactory factory, String name) {
        return factory.getSchema(SchemaLocation.of(SCHEMA_BASE + name + ".schema.json"));
    }
}
