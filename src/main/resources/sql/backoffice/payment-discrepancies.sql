-- The discrepancies that name the order in header orderId or its SEQR invoice
select d.id, d.transaction_period_id, tp.scope, d.kind, d.item_type, d.status, d.invoice_reference, d.order_id,
       d.terminal_id, d.seqr_amount, d.ledger_amount, d.currency, d.detected_at
from reconciliation_discrepancies d
join transaction_periods tp on tp.transaction_period_id = d.transaction_period_id
where d.order_id = :#${header.orderId}
   or d.invoice_reference in (select p.invoice_reference from payments p where p.order_id = :#${header.orderId})
order by d.id
