-- The registered till SEQR knows by seqrTerminalId, with its encrypted password and the next one being handed over
select terminal_id, password_ciphertext, next_password_ciphertext
from terminals where seqr_terminal_id = :#seqrTerminalId and status = 'REGISTERED'
