-- (b) GET /sources/plex/{slug}/: the source by slug. Variables: nsources.
\set n random(1, :nsources)
SELECT * FROM plex_source WHERE slug = 'bench-' || :n LIMIT 1;
