-- The status of a payment, locked until the transaction ends (a fulfilment committing it holds the same lock)
select status from payments where order_id = :#orderId for update
