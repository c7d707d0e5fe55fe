-- Holds not warned yet whose commit deadline is after variable now and before variable warningHorizon, the soonest
-- first, at most variable batchSize
select * from payments
where status = 'RESERVED' and expiry_warned_at is null
  and commit_deadline > :#${variable.now} and commit_deadline <= :#${variable.warningHorizon}
order by commit_deadline
limit :#${variable.batchSize}
