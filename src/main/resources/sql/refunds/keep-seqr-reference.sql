-- SEQR's reference of the refund (variable refundErsReference), kept on its claim as soon as SEQR answers
update refunds set seqr_ers_reference = :#${variable.refundErsReference}, updated_at = CURRENT_TIMESTAMP
where refund_id = :#${variable.refund.refundId}
