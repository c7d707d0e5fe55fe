-- The ledger entries of the order in header orderId, in the order they were booked
select id, entry_key, entry_type, amount, currency, invoice_reference, ers_reference, refund_id, source_message_id,
       discrepancy_id, recorded_at
from ledger_entries
where order_id = :#${header.orderId}
order by id
