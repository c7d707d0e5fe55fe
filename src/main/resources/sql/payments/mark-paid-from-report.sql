-- A commit whose answer was lost, PAID as SEQR's report shows it
update payments set status = 'PAID', final_amount = :#amount, ers_reference = :#ersReference, reason = :#reason,
    updated_at = CURRENT_TIMESTAMP
where order_id = :#orderId
