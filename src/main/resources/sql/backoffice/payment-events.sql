-- The events published about the order in header orderId, as they were sent, in the order they were kept
select body
from payment_events
where order_id = :#${header.orderId}
order by id
