-- The hold of the order in variable orderId is warned of its expiry, once: 1 row if it was not warned before
update payments set expiry_warned_at = CURRENT_TIMESTAMP
where order_id = :#${variable.orderId} and status = 'RESERVED' and expiry_warned_at is null
