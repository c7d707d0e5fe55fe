-- Correcting entries: settling a discrepancy moves the ledger's net by the difference SEQR's figures show, in a new
-- entry that names the discrepancy (docs/ledger.md). CORRECTION_IN adds to the money received, CORRECTION_OUT
-- takes from it; the amount stays positive, as in every entry.
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_entry_type_check
    CHECK (entry_type IN ('RESERVATION', 'RELEASE', 'CAPTURE', 'REFUND', 'CORRECTION_IN', 'CORRECTION_OUT'));
