-- When the period was claimed and marked, and whether it is reconciled
select pm.claimed_at, tp.marked_at, tp.status
from transaction_periods tp join period_marks pm on pm.period_key = tp.period_key
where tp.transaction_period_id = :#periodId
