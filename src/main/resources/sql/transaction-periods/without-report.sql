-- Periods marked at SEQR whose report was never stored: their report request may have been lost (a crash between
-- the period's record and the request), so they are asked for again.
select tp.transaction_period_id, tp.scope, tp.terminal_id, t.seqr_terminal_id
from transaction_periods tp
left join terminals t on t.terminal_id = tp.terminal_id
where tp.status = 'MARKED'
order by tp.marked_at
