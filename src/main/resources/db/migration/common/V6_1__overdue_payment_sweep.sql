-- When the hold sweep last looked at a payment past its deadline. A payment it could not settle (SEQR unreachable,
-- or still RESERVED there) goes to the back of the next sweep's batch, so that old stuck rows never keep the sweep
-- from newer ones.
ALTER TABLE payments ADD COLUMN swept_at TIMESTAMP WITH TIME ZONE;
