-- A till's totals in one currency, as SEQR's report and the ledger have them
insert into reconciliation_terminal_totals (result_id, terminal_id, currency, seqr_count, seqr_total, ledger_count,
                                            ledger_total)
values (:#resultId, :#terminalId, :#currency, :#seqrCount, :#seqrTotal, :#ledgerCount, :#ledgerTotal)
