-- The claim of the refund in variable refund on the payment of variable orderId, before SEQR is called
insert into refunds (refund_id, order_id, message_id, amount, currency, reason, status, claimed_at, updated_at)
values (:#${variable.refund.refundId}, :#${variable.orderId}, :#${variable.refund.messageId},
        :#${variable.refund.amount.value}, :#${variable.refund.amount.currency}, :#${variable.refund.reason}, 'CLAIMED',
        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
