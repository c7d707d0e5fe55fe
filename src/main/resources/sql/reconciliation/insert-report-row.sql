-- One row of a stored report
insert into seqr_report_rows (report_pk, transaction_period_id, row_type, invoice_reference, ers_reference, order_id,
                              seqr_terminal_id, amount, currency, transaction_at)
values (:#reportPk, :#periodId, :#rowType, :#invoiceReference, :#ersReference, :#orderId, :#seqrTerminalId, :#amount,
        :#currency, :#transactionAt)
