-- The payment of the order in variable orderId, locked until the ledger transaction ends: two copies of one
-- message (two consumers, two instances) take turns.
select * from payments where order_id = :#${variable.orderId} for update
