-- PAID with the final amount of the fulfilment in variable fulfilment, and SEQR's ersReference and version as
-- read-payment-status leaves them (variables ersReference, seqrVersion), if the payment is still RESERVED.
update payments set status = 'PAID', final_amount = :#${variable.fulfilment.finalAmount.value},
       ers_reference = :#${variable.ersReference}, seqr_version = :#${variable.seqrVersion},
       updated_at = CURRENT_TIMESTAMP
where order_id = :#${variable.orderId} and status = 'RESERVED'
