-- Payments past their deadline: holds past their commit deadline (variable now) and ISSUED payments whose status
-- poll was lost (confirmation deadline before variable lostPollHorizon). Those the sweep has not tried yet come
-- first, then those it tried longest ago, each kind in deadline order; at most variable batchSize
select * from payments
where (status = 'RESERVED' and commit_deadline <= :#${variable.now})
   or (status = 'ISSUED' and confirm_deadline <= :#${variable.lostPollHorizon})
order by swept_at nulls first, case when status = 'RESERVED' then commit_deadline else confirm_deadline end
limit :#${variable.batchSize}
