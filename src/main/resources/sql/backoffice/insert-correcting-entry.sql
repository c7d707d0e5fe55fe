-- The correcting entry of a settled discrepancy (variable decision): the difference SEQR's figures show, booked on
-- the order's payment and naming the discrepancy; its key makes it one per discrepancy
insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency, invoice_reference,
                            discrepancy_id, recorded_at)
select cast(:#${variable.decision.correctionKey} as varchar(200)), p.order_id, p.terminal_id,
       cast(:#${variable.decision.correctionType} as varchar(16)), cast(:#${variable.decision.correctionAmount} as decimal(19,4)),
       d.currency, coalesce(d.invoice_reference, p.invoice_reference), d.id, CURRENT_TIMESTAMP
from reconciliation_discrepancies d
join payments p on p.order_id = d.order_id
where d.id = :#${variable.decision.discrepancyId}
