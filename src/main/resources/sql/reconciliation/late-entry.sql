-- The ledger's entries for a report row (its invoice, entry type and, for a refund, SEQR's reference) that no period
-- of the scope has taken, however long after the period the ledger recorded them
select e.id, e.order_id, e.terminal_id, e.entry_type, e.amount, e.currency, e.invoice_reference,
       e.ers_reference, e.recorded_at
from ledger_entries e
where e.invoice_reference = :#invoiceReference and e.entry_type = :#entryType
  and (e.entry_type = 'CAPTURE' or e.ers_reference = :#ersReference)
  and (:#terminal = '' or e.terminal_id = :#terminal)
  and not exists (select 1 from reconciliation_matches m where m.scope_key = :#scopeKey and m.ledger_entry_id = e.id)
order by e.id
