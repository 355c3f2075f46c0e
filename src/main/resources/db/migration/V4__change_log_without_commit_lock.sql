-- Change ids without one lock held through every commit. V3 serialized all writers on an exclusive
-- advisory lock from the change record to the end of the commit, WAL flush included, which cost two
-- thirds of the write throughput.
--
-- Ids are now taken as writers come, so they may commit out of order: 11 may be visible while the
-- transaction that took 10 is still committing. Each writer holds the same advisory lock *shared*
-- from before it takes an id until it ends, which blocks no other writer. A reader (ChangeFeed) that
-- wants to know whether an id can still appear reads the sequence's last value L, then which
-- transactions hold the lock: once all of those have ended, every id up to L is committed or never
-- will be, and changes up to L are handed out in id order. A stream that resumes after an id it was
-- given thus misses nothing. Transactions that write no change (in this or any other database) are
-- never waited for.
--
-- The sequence must not cache ids in a backend (CACHE 1): a cached id would be taken later than L
-- was read.
ALTER SEQUENCE change_log_id_seq CACHE 1;

CREATE OR REPLACE FUNCTION change_log_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed  jsonb;
    recorded bigint;
BEGIN
    IF current_setting('plexsrc.change_log', true) = 'off' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(7236120143515386694);
    IF TG_OP = 'DELETE' THEN
        changed := to_jsonb(OLD);
    ELSE
        changed := to_jsonb(NEW);
    END IF;
    INSERT INTO change_log (model, action, pk, owner_user_id)
    VALUES (TG_ARGV[0],
            CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END,
            changed ->> 'id', (changed ->> 'user_id')::integer)
    RETURNING id INTO recorded;
    PERFORM pg_notify('plexsrc_changes', recorded::text);
    RETURN NULL;
END;
$$;
