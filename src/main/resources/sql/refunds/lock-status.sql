-- The status of a refund claim, locked until the transaction ends
select status from refunds where refund_id = :#refundId for update
