-- The stored report of a period
select id, report_id from seqr_reports where transaction_period_id = :#periodId order by id
