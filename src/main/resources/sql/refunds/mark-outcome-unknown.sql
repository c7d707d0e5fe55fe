-- A claim whose refundPayment got no answer (failure, or the failure it has when null): SEQR may have refunded
update refunds set status = 'OUTCOME_UNKNOWN', failure = coalesce(:#failure, failure), updated_at = CURRENT_TIMESTAMP
where refund_id = :#refundId and status = 'CLAIMED'
