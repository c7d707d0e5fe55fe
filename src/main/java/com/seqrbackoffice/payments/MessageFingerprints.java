package com.seqrbackoffice.payments;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What "the same content" means for an idempotency key (docs/messages.md): the same JSON value, whatever the
 * whitespace, the order of an object's members and how a number is written ({@code 3600}, {@code 3600.0}). The
 * canonical form (members sorted by name, numbers by value) is fingerprinted with HMAC-SHA-256, keyed by a secret
 * of the instance's, so that the ledger keeps no content: a REGISTER command's password cannot be guessed from it.
 */
public final class MessageFingerprints {

    private final DerivedKey key;

    /** @param secret shared by every instance (the terminal password key), from which the fingerprint key is derived */
    public MessageFingerprints(byte[] secret) {
        this.key = new DerivedKey(secret, "seqr-backoffice idempotency keys");
    }

    /** The fingerprint of a JSON message (hex); {@code without} names top-level members that are not content. */
    public String of(String json, String... without) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("MALFORMED_MESSAGE", "the message is not valid JSON: " + e.getOriginalMessage());
        }
        if (node instanceof ObjectNode object) {
            object.remove(List.of(without));
        }
        return HexFormat.of().formatHex(key.hmac(Json.write(canonical(node))));
    }

    static JsonNode canonical(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            ObjectNode sorted = nodes.objectNode();
            TreeSet<String> names = new TreeSet<>();
            node.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode items = nodes.arrayNode();
            for (Iterator<JsonNode> each = node.elements(); each.hasNext(); ) {
                items.add(canonical(each.next()));
            }
            return items;
        }
        if (node.isNumber()) {
            return nodes.numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }
}
