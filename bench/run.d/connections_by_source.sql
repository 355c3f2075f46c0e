-- (g) GET /sources/user_connections/plex/?source__slug=SLUG (admin): a count, then page 1 joined to
-- the source, by source slug, pk. Variables: nsources.
\set n random(1, :nsources)
SELECT count(*) FROM user_plex_source_connection c JOIN plex_source s ON s.id = c.source_id
 WHERE s.slug = 'bench-' || :n;
SELECT c.*, s.* FROM user_plex_source_connection c JOIN plex_source s ON s.id = c.source_id
 WHERE s.slug = 'bench-' || :n
 ORDER BY s.slug, c.id
 LIMIT 20;
