-- The reporting and hold-sweep jobs ask Quartz for recovery (routes' recoverableJob): a fire that was running on an
-- instance that died is run again by another. A clustered store keeps the job it stored first, so jobs stored
-- before this release are made recoverable here.
UPDATE qrtz_job_details SET requests_recovery = TRUE
WHERE job_group IN ('reporting', 'holds');
