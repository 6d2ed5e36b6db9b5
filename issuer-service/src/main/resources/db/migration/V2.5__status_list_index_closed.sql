-- After V2.4 nothing takes random list-0 indexes any more. An issuer instance older than V2.4 that is
-- still running (a rolling upgrade) would: its index could meet a place the counted allocation gives a
-- body that had not issued before, and two credentials would share a status bit. So such an instance's
-- reservation now fails, and with it the issuance it was for: nothing is issued twice on one index.
CREATE FUNCTION status_list_index_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'status_list_index is closed since V2.4: this issuer instance is older than the database'
        USING ERRCODE = 'object_not_in_prerequisite_state';
END;
$$;

CREATE TRIGGER status_list_index_closed BEFORE INSERT OR UPDATE ON status_list_index
    FOR EACH ROW EXECUTE FUNCTION status_list_index_closed();
