-- The status lists are computed from the event log: each awarding body's credential status changes
-- (revoked, suspended, reinstated), found without reading every issued credential. The event types
-- are literal in the query (StatusListPublication) so that this partial index applies.
CREATE INDEX event_store_credential_status_changes ON event_store (awarding_body_id, stream_id, version)
    WHERE event_type IN ('eu.microcredential.credential.revoked.v1', 'eu.microcredential.credential.suspended.v1',
                         'eu.microcredential.credential.reinstated.v1');
