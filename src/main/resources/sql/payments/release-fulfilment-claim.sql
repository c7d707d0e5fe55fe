-- Releases the claim of a fulfilment SEQR refused, so that a corrected fulfilment can follow.
update payments set fulfilment_message_id = null
where order_id = :#${variable.orderId}
