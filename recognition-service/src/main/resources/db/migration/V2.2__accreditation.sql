-- The awarding bodies' accreditation as national registries decided it, from mc.accreditations.v1: every
-- decision in the order of its stream, so that "accredited at an instant" can be answered for any instant.
CREATE TABLE accreditation_decision (
    event_id         UUID PRIMARY KEY,
    awarding_body_id TEXT        NOT NULL,
    version          BIGINT      NOT NULL,
    granted          BOOLEAN     NOT NULL,
    agency           TEXT,
    -- a grant: valid from (inclusive); a withdrawal: effective from, possibly backdated
    valid_from       TIMESTAMPTZ NOT NULL,
    valid_until      TIMESTAMPTZ,
    decided_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX accreditation_decision_awarding_body ON accreditation_decision (awarding_body_id, version);
