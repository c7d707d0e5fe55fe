-- The captures a report booked (commits whose answer was lost)
select order_id, invoice_reference, ers_reference, amount, currency from ledger_entries
where source_report_pk = :#reportPk and entry_type = 'CAPTURE' order by id
