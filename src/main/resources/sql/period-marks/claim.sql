-- Claims a period (variables periodKey, scope, terminalId, scheduledAtUtc) before SEQR is asked to mark it: a second
-- fire of the same schedule inserts nothing
insert into period_marks (period_key, scope, terminal_id, scheduled_at, claimed_at)
select cast(:#${variable.periodKey} as varchar(200)), cast(:#${variable.scope} as varchar(16)),
       cast(:#${variable.terminalId} as varchar(64)), cast(:#${variable.scheduledAtUtc} as timestamp with time zone),
       CURRENT_TIMESTAMP
from (values (1)) as one (x)
where not exists (select 1 from period_marks where period_key = :#${variable.periodKey})
