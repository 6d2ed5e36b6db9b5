-- The state of each read model's projection. A rebuild bumps the generation; every runner then
-- seeks its partitions back to the (cleared) positions.
CREATE TABLE projection (
    name       TEXT PRIMARY KEY,
    generation BIGINT      NOT NULL DEFAULT 0,
    rebuilt_at TIMESTAMPTZ
);

-- The consumed position, committed in the same transaction as the read-model change it caused.
CREATE TABLE projection_position (
    projection     TEXT        NOT NULL,
    topic          TEXT        NOT NULL,
    kafka_partition INT        NOT NULL,
    next_offset    BIGINT      NOT NULL,
    events_applied BIGINT      NOT NULL DEFAULT 0,
    last_event_at  TIMESTAMPTZ,
    PRIMARY KEY (projection, topic, kafka_partition)
);

-- The last version applied per stream: an event delivered again (also at another offset, after a
-- relay restart) is recognised and skipped.
CREATE TABLE projection_stream_version (
    projection TEXT   NOT NULL,
    topic      TEXT   NOT NULL,
    stream_id  TEXT   NOT NULL,
    version    BIGINT NOT NULL,
    PRIMARY KEY (projection, topic, stream_id)
);
