-- A new status of the order in variable orderId (variables status, seqrVersion: SEQR's or null, reason), if the
-- payment is still open and not in that status already. SEQR counts the commit deadline from the reservation.
update payments set status = :#${variable.status},
       seqr_version = coalesce(:#${variable.seqrVersion}, seqr_version),
       reason = :#${variable.reason}, updated_at = CURRENT_TIMESTAMP,
       commit_deadline = case when :#${variable.status} = 'RESERVED'
           then CURRENT_TIMESTAMP + commit_timeout_seconds * INTERVAL '1' SECOND else commit_deadline end
where order_id = :#${variable.orderId} and status in ('ISSUED', 'RESERVED')
  and status <> :#${variable.status}
