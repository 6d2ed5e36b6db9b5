-- A stacked credential names the pathway it was issued on (credential.issued.v1's pathwayCompletion): it never
-- counts towards that pathway. Credentials held before this migration get it on the next rebuild.
ALTER TABLE held_credential ADD COLUMN stacked_on_pathway_id TEXT;
