-- The payments a refund (variable refund) names, by its order id or its SEQR invoice
select * from payments
where order_id = :#${variable.refund.orderId} or invoice_reference = :#${variable.refund.invoiceReference}
