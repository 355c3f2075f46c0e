-- (e) GET /sources/user_connections/plex/ by a user without permissions: page 1 of their own
-- connections joined to the source, by source slug, pk, with the window count; one statement. The
-- user is one of the ntok users that hold a token (users ustep, 2*ustep, ...). Variables: ntok, ustep.
\set t random(1, :ntok)
\set u :t * :ustep
SELECT c.id, c.user_id, c.identifier, c.created, c.last_updated, s.*, count(*) OVER () AS total_count
  FROM user_plex_source_connection c JOIN plex_source s ON s.id = c.source_id
 WHERE c.user_id = :u
 ORDER BY s.slug, c.id
 LIMIT 20 OFFSET 0;
