-- The scope and till of a period
select scope, terminal_id from transaction_periods where transaction_period_id = :#periodId
