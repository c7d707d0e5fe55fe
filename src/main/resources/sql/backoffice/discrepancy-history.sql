-- Who changed the discrepancy of variable discrepancyId, when and why, with the correcting entry a settlement booked
select h.status, h.changed_by, h.reason, h.recorded_at, h.correction_entry_id, e.entry_type as correction_type,
       e.amount as correction_amount
from discrepancy_history h
left join ledger_entries e on e.id = h.correction_entry_id
where h.discrepancy_id = :#${variable.discrepancyId}
order by h.id
