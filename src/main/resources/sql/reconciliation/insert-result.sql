-- The outcome and totals of a period's reconciliation
insert into reconciliation_results (transaction_period_id, outcome, seqr_count, seqr_total, ledger_count, ledger_total,
                                    discrepancy_count, reconciled_at)
values (:#periodId, :#outcome, :#seqrCount, :#seqrTotal, :#ledgerCount, :#ledgerTotal, :#discrepancyCount,
        :#reconciledAt)
