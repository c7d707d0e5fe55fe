-- The tills registered with SEQR, with SEQR's id of each
select terminal_id, seqr_terminal_id from terminals where status = 'REGISTERED' order by terminal_id
