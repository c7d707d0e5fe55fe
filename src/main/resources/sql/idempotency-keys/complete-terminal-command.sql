-- The messageId of the terminal command in variable command is carried out: a redelivery re-sends its event
update idempotency_keys set completed_at = CURRENT_TIMESTAMP
where key_kind = 'terminal-command' and key_value = :#${variable.command.messageId}
