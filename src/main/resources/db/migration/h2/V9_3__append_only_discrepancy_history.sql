-- A discrepancy's history is append-only: the database refuses any UPDATE or DELETE of a row.
CREATE TRIGGER discrepancy_history_append_only
    BEFORE UPDATE, DELETE ON discrepancy_history
    FOR EACH ROW CALL 'com.seqrbackoffice.ledger.AppendOnlyTrigger';
