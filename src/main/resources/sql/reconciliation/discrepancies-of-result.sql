-- The discrepancies of a reconciliation, in the order found
select kind, invoice_reference, order_id, terminal_id, seqr_amount, ledger_amount, currency, item_type, reason
from reconciliation_discrepancies where result_id = :#resultId order by id
