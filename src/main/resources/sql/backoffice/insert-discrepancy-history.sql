-- A row of the discrepancy's history (variable decision): who, why, and the correcting entry it booked if any
insert into discrepancy_history (discrepancy_id, status, changed_by, reason, correction_entry_id, recorded_at)
select d.id, d.status, cast(:#${variable.decision.by} as varchar(100)), cast(:#${variable.decision.reason} as varchar(500)),
       (select e.id from ledger_entries e where e.entry_key = :#${variable.decision.correctionKey}), CURRENT_TIMESTAMP
from reconciliation_discrepancies d
where d.id = :#${variable.decision.discrepancyId}
