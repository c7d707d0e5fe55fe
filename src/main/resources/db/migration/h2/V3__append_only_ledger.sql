-- Ledger entries are append-only: the database refuses any UPDATE or DELETE of one.
CREATE TRIGGER ledger_entries_append_only
    BEFORE UPDATE, DELETE ON ledger_entries
    FOR EACH ROW CALL 'com.seqrbackoffice.ledger.AppendOnlyTrigger';
