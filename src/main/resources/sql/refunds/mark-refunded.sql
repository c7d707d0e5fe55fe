-- A refund claim made at SEQR (ersReference, SEQR's reference of the refund): by the refund route, or from the report
-- reportPk (null for the route, which leaves a report's mark as it is)
update refunds set status = 'REFUNDED', seqr_ers_reference = :#ersReference,
    settled_report_pk = coalesce(:#reportPk, settled_report_pk), updated_at = CURRENT_TIMESTAMP
where refund_id = :#refundId
