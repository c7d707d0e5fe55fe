-- The CAPTURE and REFUND entries a period may answer for: recorded in its window (from, to], of its scope's till
-- (terminal, '' for the whole shop), and taken by no period of the scope (scopeKey) yet
select e.id, e.order_id, e.terminal_id, e.entry_type, e.amount, e.currency, e.invoice_reference,
       e.ers_reference, e.recorded_at
from ledger_entries e
where e.entry_type in ('CAPTURE', 'REFUND') and e.recorded_at > :#from and e.recorded_at <= :#to
  and (:#terminal = '' or e.terminal_id = :#terminal)
  and not exists (select 1 from reconciliation_matches m where m.scope_key = :#scopeKey and m.ledger_entry_id = e.id)
order by e.id
