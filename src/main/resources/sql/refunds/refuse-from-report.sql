-- A refund claim of unknown outcome that no report of the scope shows: not made
update refunds set status = 'REFUSED', failure = :#failure, settled_report_pk = :#reportPk,
    updated_at = CURRENT_TIMESTAMP
where refund_id = :#refundId
