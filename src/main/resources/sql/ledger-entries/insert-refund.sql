-- The REFUND entry of a claim made at SEQR (ersReference), keyed by the refund id, once; reportPk is the report it
-- was booked from (null when the refund route records SEQR's answer)
insert into ledger_entries (entry_key, order_id, terminal_id, entry_type, amount, currency, invoice_reference,
                            ers_reference, refund_id, source_message_id, source_report_pk, recorded_at)
select p.order_id || ':REFUND:' || f.refund_id, p.order_id, p.terminal_id, 'REFUND', f.amount, f.currency,
       p.invoice_reference, cast(:#ersReference as varchar(64)), f.refund_id, f.message_id,
       cast(:#reportPk as bigint), CURRENT_TIMESTAMP
from refunds f join payments p on p.order_id = f.order_id
where f.refund_id = :#refundId
