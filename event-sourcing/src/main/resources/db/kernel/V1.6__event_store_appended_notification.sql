-- Wakes the outbox relays of this database when a transaction that appended events commits: NOTIFY is
-- delivered at commit, once per transaction however many statements appended (identical notifications
-- are folded), and not at all when it rolls back. A relay then sleeps while nothing is appended instead
-- of polling every few milliseconds (OutboxRelay).
CREATE FUNCTION event_store_notify_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('event_store_appended', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER event_store_appended AFTER INSERT ON event_store
    FOR EACH STATEMENT EXECUTE FUNCTION event_store_notify_appended();
