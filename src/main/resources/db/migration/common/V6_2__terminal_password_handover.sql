-- A terminal's new SEQR password, written before registerTerminal switches SEQR to it and cleared once the row holds
-- it as its password: an instance whose cached password SEQR refuses (20 AUTHENTICATION_FAILED) reads the row again
-- and finds the one SEQR now takes, even if the app stopped between SEQR's switch and the row's.
ALTER TABLE terminals ADD COLUMN next_password_ciphertext VARCHAR(512);
