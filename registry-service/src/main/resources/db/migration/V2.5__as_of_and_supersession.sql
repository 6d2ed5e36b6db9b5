-- As-of answers and corrections. A status change keeps its place in the credential's stream (ties of
-- recorded time are ordered by it); a withdrawal keeps its reason; a credential keeps the one it corrects
-- (supersedes, from its issuance) and the one that corrects it (superseded_by, from its revocation).
-- Rows projected before this migration get these on the next rebuild from the log.
ALTER TABLE registry_status_change ADD COLUMN version BIGINT;
ALTER TABLE registry_accreditation ADD COLUMN reason TEXT;
ALTER TABLE registry_credential ADD COLUMN supersedes TEXT;
ALTER TABLE registry_credential ADD COLUMN superseded_by TEXT;
CREATE INDEX registry_credential_supersedes ON registry_credential (supersedes) WHERE supersedes IS NOT NULL;
