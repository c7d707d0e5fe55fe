-- A copy of an event about an order (the body, a PaymentEvent), once per event id: a resend is not recorded twice.
insert into payment_events (event_id, order_id, terminal_id, event_type, body, published_at)
select cast(:#${body.eventId} as varchar(300)), cast(:#${body.orderId} as varchar(128)),
       cast(:#${body.terminalId} as varchar(128)), cast(:#${body.type} as varchar(32)),
       cast(:#${body.json} as varchar(1000000)), CURRENT_TIMESTAMP
from (values (1)) as one (x)
where not exists (select 1 from payment_events where event_id = :#${body.eventId})
