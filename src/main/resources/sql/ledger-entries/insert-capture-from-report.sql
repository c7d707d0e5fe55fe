-- The CAPTURE of a commit whose answer was lost, booked from the report (reportPk) that shows it paid
insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency, invoice_reference,
                            ers_reference, source_message_id, source_report_pk, recorded_at)
select order_id || ':CAPTURE', order_id, terminal_id, 'CAPTURE', :#amount, currency, invoice_reference, :#ersReference,
       fulfilment_message_id, :#reportPk, CURRENT_TIMESTAMP
from payments where order_id = :#orderId
