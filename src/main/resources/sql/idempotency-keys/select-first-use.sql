-- The first use of the key of kind, which a claim refused as taken
select fingerprint, message_id, order_id, terminal_id, first_seen_at, completed_at
from idempotency_keys
where key_kind = :#kind and key_value = :#key
