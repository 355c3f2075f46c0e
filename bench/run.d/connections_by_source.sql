-- (g) GET /sources/user_connections/plex/?source__slug=SLUG (admin): page 1 of the source's
-- connections joined to it, by source slug, pk, with the window count; one statement.
-- Variables: nsources.
\set n random(1, :nsources)
SELECT c.id, c.user_id, c.identifier, c.created, c.last_updated, s.*, count(*) OVER () AS total_count
  FROM user_plex_source_connection c JOIN plex_source s ON s.id = c.source_id
 WHERE s.slug = 'bench-' || :n
 ORDER BY s.slug, c.id
 LIMIT 20 OFFSET 0;
