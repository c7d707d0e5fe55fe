-- A status of the order in variable orderId: variables status, seqrVersion (SEQR's, or null) and reason (or null).
insert into payment_status_history (order_id, status, seqr_version, reason, recorded_at)
values (:#${variable.orderId}, :#${variable.status}, :#${variable.seqrVersion}, :#${variable.reason}, CURRENT_TIMESTAMP)
