-- The raw report of a period as SEQR sent it
insert into seqr_reports (transaction_period_id, report_id, title, mime_type, content, fetched_at)
values (:#periodId, :#reportId, :#title, :#mimeType, :#content, :#fetchedAt)
