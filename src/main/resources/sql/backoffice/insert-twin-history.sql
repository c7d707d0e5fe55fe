-- History rows of the twins (the same item in another scope) a discrepancy change (variable decision) moves with it:
-- those not settled and not already in the new status
insert into discrepancy_history (discrepancy_id, status, changed_by, reason, correction_entry_id, recorded_at)
select d.id, cast(:#${variable.decision.to.name} as varchar(16)), cast(:#${variable.decision.by} as varchar(100)),
       cast(:#${variable.decision.reason} as varchar(500)),
       (select e.id from ledger_entries e where e.entry_key = :#${variable.decision.correctionKey}), CURRENT_TIMESTAMP
from reconciliation_discrepancies d
where d.id in (select t.twin_id from discrepancy_twins t where t.discrepancy_id = :#${variable.decision.discrepancyId})
  and d.status <> 'SETTLED' and d.status <> :#${variable.decision.to.name}
