-- A report row of the scope that shows a refund of the claim (invoice, amount, currency, and SEQR's reference of it
-- if the claim kept one, else '') that no REFUND entry has booked yet
select r.ers_reference, r.report_pk, r.transaction_period_id
from seqr_report_rows r
join transaction_periods tp on tp.transaction_period_id = r.transaction_period_id
where tp.scope = :#scope and coalesce(tp.terminal_id, '') = :#terminal
  and (tp.status = 'RECONCILED' or tp.transaction_period_id = :#periodId)
  and r.row_type = 'REFUND' and r.invoice_reference = :#invoiceReference and r.amount = :#amount
  and r.currency = :#currency and (:#ersReference = '' or r.ers_reference = :#ersReference)
  and not exists (select 1 from ledger_entries e where e.entry_type = 'REFUND' and e.ers_reference = r.ers_reference)
order by r.id
