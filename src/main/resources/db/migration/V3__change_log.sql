-- Every committed change to a source or connection, for the change stream (dev.plexsrc.change).
-- Only what an event names is kept: never a token or any other column of the changed row.
CREATE TABLE change_log (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model         text         NOT NULL,
    action        text         NOT NULL,
    pk            text         NOT NULL,
    -- The owner of a user connection (immutable), so a caller who sees only their own is filtered by it.
    owner_user_id integer,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT change_log_model_check CHECK (model IN
        ('plexsource', 'userplexsourceconnection', 'groupplexsourceconnection')),
    CONSTRAINT change_log_action_check CHECK (action IN ('created', 'updated', 'deleted'))
);
CREATE INDEX change_log_changed_at_idx ON change_log (changed_at);

-- The highest id removed by retention: a replay from an id below it would have a gap (410).
CREATE TABLE change_log_horizon (
    only_row       boolean  PRIMARY KEY DEFAULT true CHECK (only_row),
    purged_through bigint   NOT NULL DEFAULT 0
);
INSERT INTO change_log_horizon DEFAULT VALUES;

-- Triggers rather than the services: every write, cascaded connection deletes included, is recorded
-- in its own transaction without any code path able to forget it. The triggers are deferred to
-- commit and take one advisory lock there, so ids are given out in commit order: a reader that has
-- seen id n never sees a smaller id commit later (no gap for a stream that resumes after n). Waiting
-- at commit cannot deadlock: the lock's holder is committing and waits for no row. The notify carries
-- only the id and is delivered on commit. Token re-encryption (same plaintext) sets
-- plexsrc.change_log to off for its transactions: it is no change anyone could see.
CREATE FUNCTION change_log_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed  jsonb;
    recorded bigint;
BEGIN
    IF current_setting('plexsrc.change_log', true) = 'off' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(7236120143515386694);
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

CREATE CONSTRAINT TRIGGER plex_source_change_log
    AFTER INSERT OR UPDATE OR DELETE ON plex_source DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION change_log_record('plexsource');
CREATE CONSTRAINT TRIGGER user_plex_source_connection_change_log
    AFTER INSERT OR UPDATE OR DELETE ON user_plex_source_connection DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION change_log_record('userplexsourceconnection');
CREATE CONSTRAINT TRIGGER group_plex_source_connection_change_log
    AFTER INSERT OR UPDATE OR DELETE ON group_plex_source_connection DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION change_log_record('groupplexsourceconnection');
