-- Every status change of a credential as the registry learnt it from the log. The public views show
-- only the current status; reasons and dates stay here (for authorised views and as-of answers).
CREATE TABLE registry_status_change (
    event_id       UUID PRIMARY KEY,
    credential_id  TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    reason         TEXT,
    effective_from TIMESTAMPTZ NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    actor          TEXT
);
CREATE INDEX registry_status_change_credential ON registry_status_change (credential_id, recorded_at);
