-- A ledger entry missing from SEQR's report next to a mark whose answer never reached the ledger (the app stopped
-- while SEQR answered) may be in the period SEQR cut then, whose report the ledger cannot ask for: a discrepancy of
-- its own kind, IN_UNREPORTED_PERIOD, rather than MISSING_AT_SEQR (docs/ledger.md).
ALTER TABLE reconciliation_discrepancies DROP CONSTRAINT reconciliation_discrepancies_kind_check;
ALTER TABLE reconciliation_discrepancies ADD CONSTRAINT reconciliation_discrepancies_kind_check
    CHECK (kind IN ('MISSING_IN_LEDGER', 'MISSING_AT_SEQR', 'AMOUNT_MISMATCH', 'MALFORMED_ROW', 'IN_UNREPORTED_PERIOD'));
