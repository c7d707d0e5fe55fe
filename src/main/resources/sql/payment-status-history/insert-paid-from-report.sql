-- The PAID history row of a commit settled from SEQR's report
insert into payment_status_history (order_id, status, seqr_version, reason, recorded_at)
values (:#orderId, 'PAID', null, :#reason, CURRENT_TIMESTAMP)
