-- A discrepancy a reconciliation found
insert into reconciliation_discrepancies (result_id, transaction_period_id, kind, invoice_reference, order_id,
                                          terminal_id, seqr_amount, ledger_amount, currency, item_type, reason,
                                          detected_at)
values (:#resultId, :#periodId, :#kind, :#invoiceReference, :#orderId, :#terminalId, :#seqrAmount, :#ledgerAmount,
        :#currency, :#itemType, :#reason, :#detectedAt)
