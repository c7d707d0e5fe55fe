-- The till of the payment request in variable request, locked until the transaction ends: two copies of one
-- request take turns to issue its invoice, and closing the till (lock.sql) waits for the one issuing
select terminal_id from terminals where terminal_id = :#${variable.request.terminalId} for update
