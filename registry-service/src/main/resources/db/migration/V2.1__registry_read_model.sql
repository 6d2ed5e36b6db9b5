-- The registry's read model, rebuilt at will from mc.awarding-bodies.v1 and mc.credentials.v1.
CREATE TABLE registry_awarding_body (
    id            TEXT PRIMARY KEY,
    legal_name    TEXT        NOT NULL,
    country       TEXT        NOT NULL,
    website       TEXT,
    registered_at TIMESTAMPTZ NOT NULL,
    data          JSON        NOT NULL
);
CREATE INDEX registry_awarding_body_country ON registry_awarding_body (country);

CREATE TABLE registry_credential (
    id               TEXT PRIMARY KEY,
    awarding_body_id TEXT        NOT NULL,
    learner_id       TEXT        NOT NULL,
    title            TEXT        NOT NULL,
    issuer_countries TEXT[]      NOT NULL,
    issued_on        DATE        NOT NULL,
    status           TEXT        NOT NULL,
    issued_at        TIMESTAMPTZ NOT NULL,
    event_id         UUID        NOT NULL,
    data             JSON        NOT NULL
);
CREATE INDEX registry_credential_learner ON registry_credential (learner_id);
CREATE INDEX registry_credential_awarding_body ON registry_credential (awarding_body_id);
CREATE INDEX registry_credential_countries ON registry_credential USING gin (issuer_countries);
