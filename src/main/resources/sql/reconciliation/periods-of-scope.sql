-- Every period of the scope with when it was claimed and marked
select tp.transaction_period_id, pm.claimed_at, tp.marked_at, tp.status
from transaction_periods tp join period_marks pm on pm.period_key = tp.period_key
where tp.scope = :#scope and coalesce(tp.terminal_id, '') = :#terminal
