-- The till of variable terminalId, locked until the transaction ends: two copies of one payment request take turns
-- to issue its invoice, and closing the till waits for the request that is issuing one
select terminal_id from terminals where terminal_id = :#${variable.terminalId} for update
