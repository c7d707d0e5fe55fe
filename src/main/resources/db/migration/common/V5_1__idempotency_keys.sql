-- Idempotency keys (see docs/messages.md, "Idempotency keys"): one row per inbound message id (per kind of message)
-- and per refund id, claimed before anything else is done with the message, so that every instance sees it. A key
-- used again with other content is refused (IDEMPOTENCY_KEY_REUSED); a repeat of the same content is a repeat.
CREATE TABLE idempotency_keys (
    key_kind      VARCHAR(32)  NOT NULL
        CHECK (key_kind IN ('terminal-command', 'payment-request', 'cancellation', 'fulfilment', 'refund', 'refund-id')),
    key_value     VARCHAR(128) NOT NULL,
    fingerprint   CHAR(64)     NOT NULL,  -- HMAC-SHA-256 (hex) of the content in canonical form: no content is kept
    message_id    VARCHAR(128) NOT NULL,  -- the message that first used the key
    order_id      VARCHAR(64),            -- the order it named, if any
    terminal_id   VARCHAR(64),            -- the terminal it named, if any
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at  TIMESTAMP WITH TIME ZONE,  -- terminal commands: when their effect was recorded (then a repeat re-sends its event)
    PRIMARY KEY (key_kind, key_value)
);
