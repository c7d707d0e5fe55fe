-- Unknown outcomes settled from SEQR's reports (see docs/ledger.md, "Outcomes settled from SEQR's reports").

-- A ledger entry the reconciliation booked from SEQR's report (a commit or refund whose answer was lost): the report
-- that showed it. Null for every entry booked as it happened.
ALTER TABLE ledger_entries ADD COLUMN source_report_pk BIGINT REFERENCES seqr_reports (id);

-- A refund whose outcome was unknown, settled by a report's reconciliation: made (REFUNDED) or not (REFUSED).
ALTER TABLE refunds ADD COLUMN settled_report_pk BIGINT REFERENCES seqr_reports (id);
