-- Where an awarding body's next credential goes in its status lists: its credentials are counted, the
-- n-th goes in list n / 131072 at the index a secret shuffle (FF1 under permutation_key, tweaked by the
-- list's number) gives its place in that list. A body is no longer limited to one list.
CREATE TABLE status_list_allocation (
    awarding_body_id TEXT   PRIMARY KEY,
    next_position    BIGINT NOT NULL CHECK (next_position >= 0),
    permutation_key  BYTEA  NOT NULL CHECK (octet_length(permutation_key) = 32)
);

-- Bodies that issued before this took random indexes of their list 0 (kept in status_list_index, which
-- is no longer written): they go on in their list 1, which is all theirs. The key is random
-- (gen_random_uuid() is built in and draws from a strong random source).
INSERT INTO status_list_allocation (awarding_body_id, next_position, permutation_key)
SELECT awarding_body_id, 131072,
       decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
FROM status_list_index
GROUP BY awarding_body_id;

COMMENT ON TABLE status_list_index IS
    'The random list-0 indexes taken before status_list_allocation (V2.4); no longer written.';
