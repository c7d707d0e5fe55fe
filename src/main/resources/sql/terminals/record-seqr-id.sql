-- The static SEQR ID an ASSIGN_SEQR_ID command (variable command) gave the till
update terminals set seqr_id = :#${variable.command.seqrId}, updated_at = CURRENT_TIMESTAMP
where terminal_id = :#${variable.command.terminalId}
