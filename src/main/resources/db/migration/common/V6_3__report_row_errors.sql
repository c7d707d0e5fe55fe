-- Reconciliation at volume: a report row that cannot be read, and the look-ups of large reports (see docs/ledger.md).

-- A report row that cannot be read is a discrepancy of its own kind, with the reason. The kind's check is replaced
-- through a new column: the old check has no name that both databases share.
ALTER TABLE reconciliation_discrepancies ADD COLUMN reason VARCHAR(500);
ALTER TABLE reconciliation_discrepancies ADD COLUMN discrepancy_kind VARCHAR(24);
UPDATE reconciliation_discrepancies SET discrepancy_kind = kind;
ALTER TABLE reconciliation_discrepancies DROP COLUMN kind;
ALTER TABLE reconciliation_discrepancies RENAME COLUMN discrepancy_kind TO kind;
ALTER TABLE reconciliation_discrepancies ALTER COLUMN kind SET NOT NULL;
ALTER TABLE reconciliation_discrepancies ADD CONSTRAINT reconciliation_discrepancies_kind_check
    CHECK (kind IN ('MISSING_IN_LEDGER', 'MISSING_AT_SEQR', 'AMOUNT_MISMATCH', 'MALFORMED_ROW'));
CREATE INDEX reconciliation_discrepancies_result_idx ON reconciliation_discrepancies (result_id);

-- Rows are looked up by the reference that ties them to a ledger entry (a payment's invoice, a refund's own reference)
CREATE INDEX seqr_report_rows_invoice_idx ON seqr_report_rows (invoice_reference);
CREATE INDEX seqr_report_rows_ers_idx ON seqr_report_rows (ers_reference);
CREATE INDEX reconciliation_matches_period_idx ON reconciliation_matches (transaction_period_id);
-- A report row the ledger recorded outside its period's window is looked up by its invoice
CREATE INDEX ledger_entries_invoice_idx ON ledger_entries (invoice_reference);
