-- The claim of a refund SEQR did not make ("try later"): the broker redelivers the message, which claims it again
delete from refunds
where refund_id = :#${variable.refund.refundId} and status = 'CLAIMED' and seqr_ers_reference is null
