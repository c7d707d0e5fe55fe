-- The RELEASE of what the final amount left of the hold, for a commit booked from a report (reportPk)
insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency, invoice_reference,
                            ers_reference, source_message_id, source_report_pk, recorded_at)
select order_id || ':RELEASE', order_id, terminal_id, 'RELEASE', :#amount, currency, invoice_reference, :#ersReference,
       fulfilment_message_id, :#reportPk, CURRENT_TIMESTAMP
from payments where order_id = :#orderId
