-- The hold of the order in variable orderId, just RESERVED: its reserved amount.
insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,
                            invoice_reference, recorded_at)
select order_id || ':RESERVATION', order_id, terminal_id, 'RESERVATION', reserved_amount, currency,
       invoice_reference, CURRENT_TIMESTAMP
from payments where order_id = :#${variable.orderId}
