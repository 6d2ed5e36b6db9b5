-- The audit trail, projected from mc.credentials.v1, mc.awarding-bodies.v1 and mc.accreditations.v1: every
-- event that can matter to a credential, with its CloudEvents metadata, where it was read on Kafka (when the
-- kernel tells; null otherwise), who did it, when it was recorded and from when it takes effect.
CREATE TABLE registry_event_history (
    event_id         UUID PRIMARY KEY,
    type             TEXT        NOT NULL,
    source           TEXT        NOT NULL,
    subject          TEXT        NOT NULL,
    sequence         BIGINT      NOT NULL,
    time             TIMESTAMPTZ NOT NULL,
    topic            TEXT        NOT NULL,
    kafka_partition  INT,
    kafka_offset     BIGINT,
    concerns         TEXT        NOT NULL,
    credential_id    TEXT,
    awarding_body_id TEXT        NOT NULL,
    key_id           TEXT,
    actor            TEXT,
    recorded_at      TIMESTAMPTZ NOT NULL,
    effective_from   TIMESTAMPTZ NOT NULL,
    data             JSON        NOT NULL
);
CREATE INDEX registry_event_history_credential ON registry_event_history (credential_id) WHERE credential_id IS NOT NULL;
CREATE INDEX registry_event_history_awarding_body ON registry_event_history (awarding_body_id, concerns);
