-- The payments of the till of variable command still open at SEQR (ISSUED or RESERVED), oldest first
select order_id, status from payments
where terminal_id = :#${variable.command.terminalId} and status in ('ISSUED', 'RESERVED')
order by created_at
