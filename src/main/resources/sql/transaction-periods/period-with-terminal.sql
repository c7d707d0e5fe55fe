-- A marked period's scope and till, with SEQR's id of that till (null for the shop-wide period)
select p.scope, p.terminal_id, t.seqr_terminal_id
from transaction_periods p left join terminals t on t.terminal_id = p.terminal_id
where p.transaction_period_id = :#periodId
