-- Verification of signed credentials: the keys the awarding bodies publish (from mc.awarding-bodies.v1),
-- kept after retirement so that what a key signed while active still verifies, and the signed form of
-- each credential as the issuer published it.
CREATE TABLE registry_signing_key (
    key_id           TEXT PRIMARY KEY,
    awarding_body_id TEXT        NOT NULL,
    algorithm        TEXT        NOT NULL,
    public_jwk       JSON        NOT NULL,
    active_from      TIMESTAMPTZ NOT NULL,
    retired_at       TIMESTAMPTZ
);
CREATE INDEX registry_signing_key_awarding_body ON registry_signing_key (awarding_body_id);

-- null for credentials issued before the issuer signed them
ALTER TABLE registry_credential ADD COLUMN verifiable_credential TEXT;
ALTER TABLE registry_credential ADD COLUMN signing_key_id TEXT;
