-- A period whose report has been stored
update transaction_periods set status = 'REPORTED' where transaction_period_id = :#periodId
