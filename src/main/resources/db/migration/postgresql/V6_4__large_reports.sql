-- A shop's report of a busy day is tens of MB (100,000 rows): the raw report is TEXT, not a VARCHAR of at most
-- 1,000,000 characters.
ALTER TABLE seqr_reports ALTER COLUMN content SET DATA TYPE TEXT;
