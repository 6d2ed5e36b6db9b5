-- Accreditation of awarding bodies, projected from mc.accreditations.v1: every decision as the registry
-- learnt it from the log, and the one that holds now per awarding body.
CREATE TABLE registry_accreditation (
    event_id         UUID PRIMARY KEY,
    awarding_body_id TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    agency           TEXT        NOT NULL,
    evidence         TEXT,
    valid_from       TIMESTAMPTZ,
    valid_until      TIMESTAMPTZ,
    decided_at       TIMESTAMPTZ NOT NULL,
    actor            TEXT,
    version          BIGINT      NOT NULL
);
CREATE INDEX registry_accreditation_awarding_body ON registry_accreditation (awarding_body_id, version);

CREATE TABLE registry_accreditation_current (
    awarding_body_id TEXT PRIMARY KEY,
    status           TEXT        NOT NULL,
    agency           TEXT        NOT NULL,
    evidence         TEXT,
    valid_from       TIMESTAMPTZ,
    valid_until      TIMESTAMPTZ,
    decided_at       TIMESTAMPTZ NOT NULL,
    version          BIGINT      NOT NULL
);
CREATE INDEX registry_accreditation_current_status ON registry_accreditation_current (status);
