-- The payment of the order in variable orderId
select * from payments where order_id = :#${variable.orderId}
