-- The discrepancies still to work (OPEN, EXPLAINED) and those of each scope's last reconciliation, newest first,
-- with their last change
select d.id, d.transaction_period_id, tp.scope, d.kind, d.item_type, d.status, d.invoice_reference, d.order_id,
       d.terminal_id, d.seqr_amount, d.ledger_amount, d.currency, d.detected_at,
       h.changed_by as last_changed_by, h.reason as last_reason, h.recorded_at as last_changed_at
from reconciliation_discrepancies d
join transaction_periods tp on tp.transaction_period_id = d.transaction_period_id
left join discrepancy_history h
       on h.id = (select max(h2.id) from discrepancy_history h2 where h2.discrepancy_id = d.id)
where d.status <> 'SETTLED' or d.result_id in (select result_id from last_reconciliation_results)
order by d.detected_at desc, d.id desc
limit :#${variable.maxRows}
