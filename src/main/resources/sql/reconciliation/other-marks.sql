-- The scope's periods marked before markedAt, the latest first
select pm.claimed_at, tp.marked_at, tp.status
from transaction_periods tp join period_marks pm on pm.period_key = tp.period_key
where tp.scope = :#scope and coalesce(tp.terminal_id, '') = :#terminal and tp.transaction_period_id <> :#periodId
  and tp.marked_at < :#markedAt
order by tp.marked_at desc
