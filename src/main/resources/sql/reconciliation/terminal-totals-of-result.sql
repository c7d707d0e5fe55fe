-- The per-till totals of a reconciliation
select terminal_id, currency, seqr_count, seqr_total, ledger_count, ledger_total
from reconciliation_terminal_totals where result_id = :#resultId order by terminal_id, currency
