-- The new status of a discrepancy (variable decision), only if it still has the status the decision was made on
update reconciliation_discrepancies set status = :#${variable.decision.to.name}
where id = :#${variable.decision.discrepancyId} and status = :#${variable.decision.from.name}
