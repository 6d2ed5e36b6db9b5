-- The append-only event store. Events are evidence: exact JSON text is kept (json, not jsonb),
-- and no row is ever updated or deleted.
CREATE TABLE event_store (
    global_position  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- readers follow (transaction_id, global_position) below pg_snapshot_xmin, so they never skip
    -- an event whose transaction commits after a later-numbered one
    transaction_id   XID8        NOT NULL DEFAULT pg_current_xact_id(),
    event_id         UUID        NOT NULL UNIQUE,
    stream_type      TEXT        NOT NULL,
    stream_id        TEXT        NOT NULL,
    version          BIGINT      NOT NULL CHECK (version > 0),
    event_type       TEXT        NOT NULL,
    source           TEXT        NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    awarding_body_id TEXT,
    country          TEXT,
    data             JSON        NOT NULL,
    CONSTRAINT event_store_stream_id_version_key UNIQUE (stream_id, version)
);

CREATE INDEX event_store_log_order ON event_store (transaction_id, global_position);

CREATE FUNCTION event_store_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'event_store is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER event_store_no_update_or_delete BEFORE UPDATE OR DELETE ON event_store
    FOR EACH ROW EXECUTE FUNCTION event_store_is_append_only();
CREATE TRIGGER event_store_no_truncate BEFORE TRUNCATE ON event_store
    FOR EACH STATEMENT EXECUTE FUNCTION event_store_is_append_only();

-- How far the outbox relay has published the event store to Kafka.
CREATE TABLE outbox_relay_checkpoint (
    relay           TEXT PRIMARY KEY,
    transaction_id  XID8        NOT NULL,
    global_position BIGINT      NOT NULL,
    published       BIGINT      NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
