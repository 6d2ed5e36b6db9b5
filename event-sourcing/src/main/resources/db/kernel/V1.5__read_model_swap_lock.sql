-- A shadow rebuild swaps its tables in under ACCESS EXCLUSIVE locks. Waiting for them while a reader's
-- transaction holds one table and waits for another would deadlock; so the rebuild takes them all or
-- none, with a short lock_timeout, and tries again: it always yields to readers.
CREATE FUNCTION read_model_try_lock(tables TEXT[]) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'LOCK TABLE ' || array_to_string(tables, ', ') || ' IN ACCESS EXCLUSIVE MODE';
    RETURN TRUE;
EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
    RETURN FALSE;
END;
$$;
