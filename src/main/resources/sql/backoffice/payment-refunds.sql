-- The refunds of the order in header orderId, whatever became of them
select refund_id, message_id, amount, currency, reason, status, seqr_ers_reference, failure, claimed_at, updated_at
from refunds
where order_id = :#${header.orderId}
order by claimed_at, refund_id
