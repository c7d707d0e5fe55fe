-- The tills SEQR has an id for, with that id
select terminal_id, seqr_terminal_id from terminals where seqr_terminal_id is not null
