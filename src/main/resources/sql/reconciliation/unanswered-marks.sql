-- The scope's claimed marks that SEQR's answer never reached (the app stopped during the call, or the call failed),
-- the earliest first: SEQR may have cut a period then whose id, and so whose report, the ledger does not have
select period_key, claimed_at
from period_marks
where scope = :#scope and coalesce(terminal_id, '') = :#terminal and transaction_period_id is null
order by claimed_at
