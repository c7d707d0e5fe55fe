-- The discrepancy of variable discrepancyId; whether the ledger has a payment for the order it names; and the key
-- of the correcting entry a settlement of its twin (the same item in another scope) booked, if one did
select d.id, d.transaction_period_id, tp.scope, d.kind, d.item_type, d.status, d.invoice_reference, d.order_id,
       d.terminal_id, d.seqr_amount, d.ledger_amount, d.currency, d.detected_at,
       (p.order_id is not null) as payment_known,
       (select min(e.entry_key) from ledger_entries e
        where e.discrepancy_id in (select t.twin_id from discrepancy_twins t where t.discrepancy_id = d.id))
           as twin_correction_key
from reconciliation_discrepancies d
join transaction_periods tp on tp.transaction_period_id = d.transaction_period_id
left join payments p on p.order_id = d.order_id
where d.id = :#${variable.discrepancyId}
