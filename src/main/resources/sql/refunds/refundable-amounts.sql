-- What the payment of variable orderId captured, what was refunded of it, and the claims whose outcome is not known
-- yet (they may have been refunded)
select
  (select coalesce(sum(amount), 0) from ledger_entries
   where order_id = :#${variable.orderId} and entry_type = 'CAPTURE') as captured,
  (select coalesce(sum(amount), 0) from ledger_entries
   where order_id = :#${variable.orderId} and entry_type = 'REFUND') as refunded,
  (select coalesce(sum(amount), 0) from refunds
   where order_id = :#${variable.orderId} and status in ('CLAIMED', 'OUTCOME_UNKNOWN')) as pending
