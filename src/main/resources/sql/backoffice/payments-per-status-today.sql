-- Payments created since variable startOfToday (midnight in the shop's zone), per current status
select status, count(*) as payments
from payments
where created_at >= :#${variable.startOfToday}
group by status
