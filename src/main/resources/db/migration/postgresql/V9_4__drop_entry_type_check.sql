-- V1's check of ledger_entries.entry_type makes way for the one in V9_5, which adds the correcting entries.
-- (H2 names that check itself: H2EntryTypeCheck drops it there.)
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_entry_type_check;
