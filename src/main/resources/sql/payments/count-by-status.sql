-- Payments in the ledger per current status (the seqr_payments gauges)
select status, count(*) as payments from payments group by status
