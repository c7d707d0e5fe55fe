-- The refunds whose unknown outcome a report decided
select f.status, f.order_id, f.refund_id, p.invoice_reference, f.seqr_ers_reference, f.amount, f.currency
from refunds f join payments p on p.order_id = f.order_id
where f.settled_report_pk = :#reportPk order by f.claimed_at
