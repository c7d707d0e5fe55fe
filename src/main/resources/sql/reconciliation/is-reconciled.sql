-- A row if the period has been reconciled
select 1 from reconciliation_results where transaction_period_id = :#periodId
