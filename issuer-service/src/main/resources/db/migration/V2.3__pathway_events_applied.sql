-- The pathway events (mc.pathways.v1) issuer-service has acted on, by CloudEvents id: what it did is in
-- the event store, so a replay of the topic, or the same event published again, does nothing twice.
CREATE TABLE pathway_event_applied (
    event_id   UUID PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
