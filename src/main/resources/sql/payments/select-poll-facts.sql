-- What the status polls of order orderId must repeat: its till, invoice and confirm deadline, none of which
-- changes once the payment is issued
select terminal_id, invoice_reference, confirm_deadline from payments where order_id = :#orderId
