-- The till of variable command, locked until the transaction ends (a payment request holds the same lock while it
-- issues an invoice)
select terminal_id from terminals where terminal_id = :#${variable.command.terminalId} for update
