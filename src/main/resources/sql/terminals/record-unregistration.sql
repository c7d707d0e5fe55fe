-- The till of an UNREGISTER command (variable command), kept as UNREGISTERED without its passwords and SEQR ID
update terminals set status = 'UNREGISTERED', password_ciphertext = null, next_password_ciphertext = null, seqr_id = null,
    updated_at = CURRENT_TIMESTAMP
where terminal_id = :#${variable.command.terminalId}
