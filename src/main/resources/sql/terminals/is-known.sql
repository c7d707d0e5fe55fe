-- A row if the ledger knows the till, registered or not
select 1 from terminals where terminal_id = :#terminalId
