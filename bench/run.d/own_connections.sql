-- (e) GET /sources/user_connections/plex/ by a user without permissions: a count of their own
-- connections (Hibernate leaves the join out of this count), then page 1 joined to the source, by
-- source slug, pk. The user is one of the ntok users that hold a token (users ustep, 2*ustep, ...).
-- Variables: ntok, ustep.
\set t random(1, :ntok)
\set u :t * :ustep
SELECT count(*) FROM user_plex_source_connection c WHERE c.user_id = :u;
SELECT c.*, s.* FROM user_plex_source_connection c JOIN plex_source s ON s.id = c.source_id
 WHERE c.user_id = :u
 ORDER BY s.slug, c.id
 LIMIT 20;
