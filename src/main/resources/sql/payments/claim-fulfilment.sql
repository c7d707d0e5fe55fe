-- Claims the commit of the order in variable orderId for the fulfilment message in variable fulfilment.
update payments set fulfilment_message_id = :#${variable.fulfilment.messageId}
where order_id = :#${variable.orderId}
