-- The payment of the order in header orderId (the back office's lookup)
select order_id, terminal_id, invoice_reference, status, currency, reserved_amount, final_amount, ers_reference,
       title, request_message_id, fulfilment_message_id, reason, seqr_version, commit_timeout_seconds,
       confirm_deadline, commit_deadline, expiry_warned_at, created_at, updated_at
from payments
where order_id = :#${header.orderId}
