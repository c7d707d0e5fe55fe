-- The ledger's total per entry type over all its entries (the demo's summary)
select entry_type, sum(amount) as total from ledger_entries group by entry_type order by entry_type
