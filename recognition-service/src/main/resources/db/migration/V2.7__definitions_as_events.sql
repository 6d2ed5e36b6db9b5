-- Organisations, policies and pathways are events now (recognition.organisation.registered.v1 and
-- recognition.policy.defined.v1 on mc.recognitions.v1, pathway.defined.v1 on mc.pathways.v1). The write side reads them
-- from the event store; the tables below are the definitions read model, rebuilt from the topics at will.

CREATE TABLE recognising_organisation (
    id               TEXT PRIMARY KEY,
    name             TEXT        NOT NULL,
    kind             TEXT        NOT NULL,
    awarding_body_id TEXT,
    registered_at    TIMESTAMPTZ NOT NULL
);

-- Write side, kept in the transaction that registers the organisation: the SHA-256 of its API key (never the key, and
-- never in an event, since events are published). Never reset.
CREATE TABLE organisation_api_key (
    key_hash        TEXT PRIMARY KEY,
    organisation_id TEXT        NOT NULL,
    issued_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- recognition_policy and pathway stay, as the read model of their definitions; the owner is new. Rows defined before
-- this migration get their events at the next start (the service appends a definition event for each row without one).
ALTER TABLE recognition_policy ADD COLUMN organisation_id TEXT;
ALTER TABLE pathway ADD COLUMN organisation_id TEXT;

-- Every credential change looks at each pathway defined, read from the event store.
CREATE INDEX event_store_pathway_definitions ON event_store (global_position) WHERE stream_type = 'pathway';
