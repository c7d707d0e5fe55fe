-- The till's new password (variable passwordCiphertext, encrypted), written before SEQR switches to it, so that
-- every instance finds it as soon as SEQR refuses the old one
update terminals set next_password_ciphertext = :#${variable.passwordCiphertext}, updated_at = CURRENT_TIMESTAMP
where terminal_id = :#${variable.command.terminalId}
