-- The hash-chain link of each event in the audit trail (CloudEvents extensions ce_hash and ce_prevhash), kept
-- beside its Kafka partition and offset: null until the kernel hands them to projections (then filled by the
-- next rebuild from the log), and shown as "not recorded" while null.
ALTER TABLE registry_event_history ADD COLUMN hash TEXT;
ALTER TABLE registry_event_history ADD COLUMN previous_hash TEXT;
