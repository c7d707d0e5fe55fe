-- Which SEQR periods took the ledger entries of the order in header orderId, and whether SEQR had them
select m.ledger_entry_id, e.entry_type, m.scope_key, m.transaction_period_id, m.matched, tp.marked_at,
       r.outcome as period_outcome, r.reconciled_at
from reconciliation_matches m
join ledger_entries e on e.id = m.ledger_entry_id
join transaction_periods tp on tp.transaction_period_id = m.transaction_period_id
left join reconciliation_results r on r.transaction_period_id = m.transaction_period_id
where e.order_id = :#${header.orderId}
order by m.ledger_entry_id, m.scope_key
