-- The release of the whole hold of the order in variable orderId, which ended unpaid. Only a hold is released:
-- an invoice that ends before RESERVED never held money, and then nothing is inserted.
insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency,
                            invoice_reference, recorded_at)
select order_id || ':RELEASE', order_id, terminal_id, 'RELEASE', amount, currency, invoice_reference,
       CURRENT_TIMESTAMP
from ledger_entries where order_id = :#${variable.orderId} and entry_type = 'RESERVATION'
