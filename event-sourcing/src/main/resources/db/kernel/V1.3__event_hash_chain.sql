-- Tamper evidence: each event's SHA-256 hash, chained to the previous event of its stream
-- (eu.microcredentials.events.EventHashChain defines what is hashed). Events recorded before this
-- migration have neither and are reported as unchained by the audit.
ALTER TABLE event_store ADD COLUMN hash TEXT, ADD COLUMN previous_hash TEXT;
