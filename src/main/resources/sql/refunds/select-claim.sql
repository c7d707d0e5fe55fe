-- The claim of the refund in variable refund, if there is one
select * from refunds where refund_id = :#${variable.refund.refundId}
