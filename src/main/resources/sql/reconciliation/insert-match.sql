-- The period of the scope that took a ledger entry, and whether SEQR's report had it
insert into reconciliation_matches (scope_key, ledger_entry_id, transaction_period_id, matched)
values (:#scopeKey, :#entryId, :#periodId, :#matched)
