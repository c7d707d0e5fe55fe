-- Claims the key of kind with the message's content (fingerprint); a key claimed already fails on the primary
-- key, which decides between two copies claiming at the same moment
insert into idempotency_keys (key_kind, key_value, fingerprint, message_id, order_id, terminal_id, first_seen_at)
values (:#kind, :#key, :#fingerprint, :#messageId, :#orderId, :#terminalId, CURRENT_TIMESTAMP)
