-- The last reconciliation of each scope: the shop and each till
select tp.scope, tp.terminal_id, r.transaction_period_id, tp.marked_at, r.outcome, r.seqr_count, r.seqr_total,
       r.ledger_count, r.ledger_total, r.discrepancy_count, r.reconciled_at
from reconciliation_results r
join transaction_periods tp on tp.transaction_period_id = r.transaction_period_id
where r.id in (select result_id from last_reconciliation_results)
order by tp.scope, tp.terminal_id
