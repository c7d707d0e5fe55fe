-- The marks of the scope's periods other than periodId, the earliest first: reconciliation takes the one marked
-- last before periodId's mark and the one marked first after it
select pm.claimed_at, tp.marked_at, tp.status
from transaction_periods tp join period_marks pm on pm.period_key = tp.period_key
where tp.scope = :#scope and coalesce(tp.terminal_id, '') = :#terminal and tp.transaction_period_id <> :#periodId
order by tp.marked_at
