-- The release of what the final amount of the paid order in variable orderId left of its hold (none if it took
-- all of it), from the fulfilment message in variable fulfilment.
insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,
                            invoice_reference, ers_reference, source_message_id, recorded_at)
select order_id || ':RELEASE', order_id, terminal_id, 'RELEASE', reserved_amount - final_amount, currency,
       invoice_reference, ers_reference, :#${variable.fulfilment.messageId}, CURRENT_TIMESTAMP
from payments where order_id = :#${variable.orderId} and reserved_amount > final_amount
