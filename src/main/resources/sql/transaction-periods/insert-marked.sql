-- SEQR's period as MARKED (variables transactionPeriodId, periodKey, scope, terminalId). marked_at is the ledger's
-- clock, as every ledger entry's recorded_at: it bounds the ledger side of the period
insert into transaction_periods (transaction_period_id, period_key, scope, terminal_id, status, marked_at)
values (:#${variable.transactionPeriodId}, :#${variable.periodKey}, :#${variable.scope}, :#${variable.terminalId},
        'MARKED', CURRENT_TIMESTAMP)
