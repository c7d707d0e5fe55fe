-- The twins of a changed discrepancy (variable decision) take its new status, unless settled already
update reconciliation_discrepancies set status = :#${variable.decision.to.name}
where id in (select t.twin_id from discrepancy_twins t where t.discrepancy_id = :#${variable.decision.discrepancyId})
  and status <> 'SETTLED' and status <> :#${variable.decision.to.name}
