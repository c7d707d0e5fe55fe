-- RESERVED payments whose commit was claimed (fulfilment_message_id) and that a report of the scope (a reconciled
-- period's, or periodId's being reconciled) shows PAID
select p.order_id, p.invoice_reference, p.reserved_amount, p.currency, r.amount, r.currency as row_currency,
       r.ers_reference, r.report_pk, r.transaction_period_id
from payments p
join seqr_report_rows r on r.invoice_reference = p.invoice_reference and r.row_type = 'PAYMENT'
join transaction_periods tp on tp.transaction_period_id = r.transaction_period_id
where tp.scope = :#scope and coalesce(tp.terminal_id, '') = :#terminal
  and (tp.status = 'RECONCILED' or tp.transaction_period_id = :#periodId)
  and p.status = 'RESERVED' and p.fulfilment_message_id is not null
  and (:#terminal = '' or p.terminal_id = :#terminal)
  -- SEQR gave a reversed payment back: the hold's end, not a capture (the hold sweep records it)
  and not exists (select 1 from seqr_report_rows v
                  where v.row_type = 'REVERSAL' and v.invoice_reference = p.invoice_reference)
order by r.id
