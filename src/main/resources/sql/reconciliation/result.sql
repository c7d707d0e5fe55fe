-- The result of a period's reconciliation
select id, outcome, seqr_count, seqr_total, ledger_count, ledger_total, discrepancy_count, reconciled_at
from reconciliation_results where transaction_period_id = :#periodId
