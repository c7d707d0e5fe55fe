-- A refund claim not made at SEQR (failure says why): SEQR refused it (the refund route), or no report of the scope
-- shows it (reportPk, the report that settled it; null for the route)
update refunds set status = 'REFUSED', failure = :#failure, settled_report_pk = coalesce(:#reportPk, settled_report_pk),
    updated_at = CURRENT_TIMESTAMP
where refund_id = :#refundId
