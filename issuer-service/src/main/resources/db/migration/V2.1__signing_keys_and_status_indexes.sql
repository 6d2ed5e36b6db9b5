-- Private signing keys never leave issuer-service: each is stored encrypted (AES-256-GCM under the
-- master key, with the key id as associated data). The public halves are published as events.
CREATE TABLE signing_key_secret (
    key_id           TEXT PRIMARY KEY,
    awarding_body_id TEXT        NOT NULL,
    algorithm        TEXT        NOT NULL,
    nonce            BYTEA       NOT NULL,
    sealed_jwk       BYTEA       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Each credential's index in its awarding body's status lists: random, and never given twice.
CREATE TABLE status_list_index (
    awarding_body_id TEXT NOT NULL,
    list_index       INT  NOT NULL CHECK (list_index >= 0 AND list_index < 131072),
    credential_id    TEXT NOT NULL UNIQUE,
    PRIMARY KEY (awarding_body_id, list_index)
);

-- API keys of awarding bodies' integrations, stored as SHA-256 only.
CREATE TABLE api_key (
    key_hash         TEXT PRIMARY KEY,
    awarding_body_id TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at       TIMESTAMPTZ
);
CREATE INDEX api_key_awarding_body ON api_key (awarding_body_id);

-- Idempotency-Key of issuing requests: the same key and body answer the same credential(s).
CREATE TABLE idempotency_key (
    awarding_body_id TEXT        NOT NULL,
    idempotency_key  TEXT        NOT NULL,
    request_hash     TEXT        NOT NULL,
    response         JSON        NOT NULL,
    status           INT         NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (awarding_body_id, idempotency_key)
);

-- The rows of a bulk issuance already issued under an Idempotency-Key: resending the batch (also
-- after a failure half-way) issues only the rows not issued yet.
CREATE TABLE idempotent_batch_row (
    awarding_body_id TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    row_number       INT  NOT NULL,
    credential_id    TEXT NOT NULL,
    PRIMARY KEY (awarding_body_id, idempotency_key, row_number)
);
