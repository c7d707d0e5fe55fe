-- Drops the claim of the key of kind (a refund's messageId, when its refundId was refused as reused)
delete from idempotency_keys where key_kind = :#kind and key_value = :#key
