-- Recognition decides on more of each credential than the holdings showed: the learner's name (for a stacked
-- credential), the learning outcomes with their ESCO skills, the quality assurance, assessment and supervision.
-- Credentials held before this migration get them on the next rebuild of the held-credentials read model.
ALTER TABLE held_credential
    ADD COLUMN learner_given_name    TEXT,
    ADD COLUMN learner_family_name   TEXT,
    ADD COLUMN learning_outcomes     JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN quality_assurance_type TEXT,
    ADD COLUMN assessment_type       TEXT,
    ADD COLUMN supervised            BOOLEAN,
    ADD COLUMN identity_verification TEXT;
CREATE INDEX held_credential_awarding_body ON held_credential (awarding_body_id);

-- Recognition policies as recognising organisations defined them; never changed once defined, so a decision
-- re-evaluated later is judged by the rules it was first taken on.
CREATE TABLE recognition_policy (
    id         TEXT PRIMARY KEY,
    policy     JSONB       NOT NULL,
    defined_at TIMESTAMPTZ NOT NULL
);

-- Write side, kept in the transaction that appends the recognition's first events: which recognitions rely on
-- which credential, so that a change to the credential finds them. Derived from the event store; never reset.
CREATE TABLE recognition_credential (
    recognition_id TEXT NOT NULL,
    credential_id  TEXT NOT NULL,
    PRIMARY KEY (credential_id, recognition_id)
);

-- Write side: the credential and accreditation events recognition has already reacted to (re-evaluating the
-- decisions and pathways that rely on them). A redelivery or a rebuild of the read models replays those events;
-- finding them here, recognition does not react twice. Never reset.
CREATE TABLE reacted_event (
    event_id   UUID PRIMARY KEY,
    reacted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The decisions read model, projected from mc.recognitions.v1: the view of each recognition as the API answers it.
CREATE TABLE recognition_view (
    id         TEXT PRIMARY KEY,
    learner_id TEXT   NOT NULL,
    view       JSONB  NOT NULL,
    version    BIGINT NOT NULL
);
CREATE INDEX recognition_view_learner ON recognition_view (learner_id);
