-- The hold sweep tried the payment of variable orderId now: one it cannot settle goes behind those not tried yet
update payments set swept_at = CURRENT_TIMESTAMP where order_id = :#${variable.orderId}
