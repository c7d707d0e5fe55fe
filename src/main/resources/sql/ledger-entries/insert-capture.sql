-- The capture of the paid order in variable orderId: its final amount, from the fulfilment message in variable
-- fulfilment.
insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,
                            invoice_reference, ers_reference, source_message_id, recorded_at)
select order_id || ':CAPTURE', order_id, terminal_id, 'CAPTURE', final_amount, currency, invoice_reference,
       ers_reference, :#${variable.fulfilment.messageId}, CURRENT_TIMESTAMP
from payments where order_id = :#${variable.orderId}
