-- The claim of the refund in variable refund, if there is one, with the ledger's time (ledger_now) to tell its age by
select refunds.*, CURRENT_TIMESTAMP as ledger_now from refunds where refund_id = :#${variable.refund.refundId}
