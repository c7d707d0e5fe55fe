-- The payment of the order in variable orderId (no row: the order has no payment).
select * from payments where order_id = :#${variable.orderId}
