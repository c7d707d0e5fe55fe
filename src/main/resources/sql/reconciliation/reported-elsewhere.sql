-- The reconciled periods of the scope, other than periodId, whose report has the transaction of a ledger entry
select r.transaction_period_id
from seqr_report_rows r join transaction_periods tp on tp.transaction_period_id = r.transaction_period_id
where r.row_type = :#rowType and ((r.row_type = 'PAYMENT' and r.invoice_reference = :#invoiceReference)
      or (r.row_type = 'REFUND' and r.ers_reference = :#ersReference))
  and tp.status = 'RECONCILED' and tp.scope = :#scope and coalesce(tp.terminal_id, '') = :#terminal
  and tp.transaction_period_id <> :#periodId
order by r.id
