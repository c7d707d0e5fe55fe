-- The till of a REGISTER command (variable command) as SEQR registered it: SEQR's id for it (variable
-- seqrTerminalId) and its encrypted password (variable passwordCiphertext)
merge into terminals t
using (values (:#${variable.command.terminalId}, :#${variable.command.name}, :#${variable.seqrTerminalId},
               :#${variable.passwordCiphertext}))
      as v (terminal_id, name, seqr_terminal_id, password_ciphertext)
on t.terminal_id = v.terminal_id
when matched then update set name = v.name, seqr_terminal_id = v.seqr_terminal_id,
    password_ciphertext = v.password_ciphertext, next_password_ciphertext = null, seqr_id = null, status = 'REGISTERED',
    registered_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP
when not matched then insert (terminal_id, name, seqr_terminal_id, password_ciphertext, status, registered_at,
                              updated_at)
    values (v.terminal_id, v.name, v.seqr_terminal_id, v.password_ciphertext, 'REGISTERED', CURRENT_TIMESTAMP,
            CURRENT_TIMESTAMP)
