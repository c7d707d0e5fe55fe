-- SEQR's period (variable transactionPeriodId) on the claim of variable periodKey
update period_marks set transaction_period_id = :#${variable.transactionPeriodId}
where period_key = :#${variable.periodKey}
