-- The status of the payment in header orderId if it has ended in the ledger and its terminal is no longer registered:
-- a status poll still queued for it (the till canceled it, then unregistered the terminal) can neither ask SEQR nor
-- learn anything.
select p.status
from payments p
left join terminals t on t.terminal_id = p.terminal_id
where p.order_id = :#${header.orderId}
  and p.status not in ('ISSUED', 'RESERVED')
  and (t.status is null or t.status <> 'REGISTERED')
