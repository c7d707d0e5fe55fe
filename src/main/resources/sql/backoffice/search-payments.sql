-- Payments by till, status and creation time (variable search, a PaymentSearch: each criterion optional), newest first
select order_id, terminal_id, invoice_reference, status, currency, reserved_amount, final_amount, commit_deadline,
       created_at, updated_at
from payments
where (cast(:#${variable.search.terminalId} as varchar(64)) is null or terminal_id = :#${variable.search.terminalId})
  and (cast(:#${variable.search.status} as varchar(16)) is null or status = :#${variable.search.status})
  and (cast(:#${variable.search.from} as timestamp with time zone) is null or created_at >= :#${variable.search.from})
  and (cast(:#${variable.search.to} as timestamp with time zone) is null or created_at < :#${variable.search.to})
order by created_at desc, order_id
limit :#${variable.search.limit}
