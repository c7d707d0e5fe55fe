-- SEQR's id and the encrypted password of a registered till
select seqr_terminal_id, password_ciphertext from terminals where terminal_id = :#terminalId and status = 'REGISTERED'
