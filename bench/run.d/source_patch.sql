-- (d) PATCH /sources/plex/{slug}/ {"name": ...}: in one transaction, the source by slug, then its
-- new name by pk (the theme kept, a random suffix, as the wrk script sends). The service reads
-- without FOR UPDATE and its UPDATE sets every column (Hibernate's default); this sets the name.
-- Variables: nsources.
\set n random(1, :nsources)
\set r random(1, 1000000)
BEGIN;
SELECT * FROM plex_source WHERE slug = 'bench-' || :n LIMIT 1 \gset p_
UPDATE plex_source SET name = split_part(:p_name, ' #', 1) || ' #' || :r WHERE id = :p_id;
COMMIT;
