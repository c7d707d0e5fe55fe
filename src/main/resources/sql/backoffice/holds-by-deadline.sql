-- Reserved payments (holds on the customer's money), the soonest commit deadline first, with how many there are
select order_id, terminal_id, invoice_reference, reserved_amount, currency, commit_deadline, expiry_warned_at,
       count(*) over () as hold_count
from payments
where status = 'RESERVED'
order by commit_deadline, order_id
limit :#${variable.maxRows}
