-- Refund claims whose SEQR outcome is not known, of a till (terminal, '' for the whole shop), oldest first
select f.refund_id, f.order_id, f.message_id, f.amount, f.currency, f.status, f.seqr_ers_reference,
       f.claimed_at, f.updated_at, p.invoice_reference
from refunds f join payments p on p.order_id = f.order_id
where f.status in ('CLAIMED', 'OUTCOME_UNKNOWN') and (:#terminal = '' or p.terminal_id = :#terminal)
order by f.claimed_at
