-- A stacked credential also keeps the completion it was issued for: when that completion no longer holds, the
-- credential is shown flagged (the pathway's policy FLAG leaves it valid at its issuer).
ALTER TABLE held_credential ADD COLUMN stacked_on_completion_id TEXT;
