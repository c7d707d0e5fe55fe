-- A discrepancy's history is append-only: the database refuses any UPDATE or DELETE of a row.
CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER discrepancy_history_append_only
    BEFORE UPDATE OR DELETE ON discrepancy_history
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
