-- (b) GET /sources/plex/{slug}/: the source by slug, one statement. Variables: nsources.
\set n random(1, :nsources)
SELECT s.* FROM plex_source s WHERE s.slug = 'bench-' || :n;
