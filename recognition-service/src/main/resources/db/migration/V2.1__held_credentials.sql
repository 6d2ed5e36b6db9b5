-- What recognition decisions are taken on: the credentials each learner holds, rebuilt at will
-- from mc.credentials.v1.
CREATE TABLE held_credential (
    id               TEXT PRIMARY KEY,
    learner_id       TEXT        NOT NULL,
    awarding_body_id TEXT        NOT NULL,
    title            TEXT        NOT NULL,
    ects             NUMERIC     NOT NULL,
    eqf_level        INT,
    issuer_countries TEXT[]      NOT NULL,
    issued_on        DATE        NOT NULL,
    status           TEXT        NOT NULL,
    issued_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX held_credential_learner ON held_credential (learner_id);
