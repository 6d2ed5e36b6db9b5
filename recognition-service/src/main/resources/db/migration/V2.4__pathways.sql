-- Learning pathways as awarding bodies defined them (never changed once defined): the requirements, and the content
-- of the stacked credential as pathway.completed.v1 carries it.
CREATE TABLE pathway (
    id               TEXT PRIMARY KEY,
    awarding_body_id TEXT        NOT NULL,
    pathway          JSONB       NOT NULL,
    target           JSONB       NOT NULL,
    defined_at       TIMESTAMPTZ NOT NULL
);

-- Write side, kept in the transaction that appends each completion event to the event store: every learner's
-- completions of every pathway and where each stands. Derived from the event store; never reset.
CREATE TABLE pathway_completion (
    completion_id TEXT PRIMARY KEY,
    pathway_id    TEXT        NOT NULL,
    learner_id    TEXT        NOT NULL,
    number        INT         NOT NULL,
    status        TEXT        NOT NULL,
    cause         TEXT,
    parts         TEXT[]      NOT NULL,
    version       BIGINT      NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (pathway_id, learner_id, number)
);
CREATE INDEX pathway_completion_learner ON pathway_completion (learner_id);
