-- A period whose reconciliation has been recorded
update transaction_periods set status = 'RECONCILED' where transaction_period_id = :#periodId
