-- Every status the payment of header orderId took, in order
select status, seqr_version, reason, recorded_at
from payment_status_history
where order_id = :#${header.orderId}
order by id
