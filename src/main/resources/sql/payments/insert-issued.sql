-- The new payment in variable payment, ISSUED at version 0, with its deadlines and the commit timeout of the
-- invoice in variable invoice.
insert into payments (order_id, request_message_id, terminal_id, invoice_reference, status, currency,
                      reserved_amount, seqr_version, title, commit_timeout_seconds, confirm_deadline, commit_deadline,
                      created_at, updated_at)
values (:#${variable.payment.orderId}, :#${variable.payment.requestMessageId}, :#${variable.payment.terminalId},
        :#${variable.payment.invoiceReference}, 'ISSUED', :#${variable.payment.currency},
        :#${variable.payment.reservedAmount.value}, 0, :#${variable.payment.title},
        :#${variable.invoice.commitReservationTimeoutSeconds}, :#${variable.payment.confirmDeadlineUtc},
        :#${variable.payment.commitDeadlineUtc}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
