-- (c) GET /sources/plex/?page_size=20&enabled=true&search=TERM: a count, then page 1 by name, pk.
-- Variables: term (lower case, as the service lowers it).
SELECT count(*) FROM plex_source s
 WHERE s.enabled = true
   AND (lower(s.name) LIKE '%' || :term || '%' ESCAPE '\' OR lower(s.slug) LIKE '%' || :term || '%' ESCAPE '\');
SELECT * FROM plex_source s
 WHERE s.enabled = true
   AND (lower(s.name) LIKE '%' || :term || '%' ESCAPE '\' OR lower(s.slug) LIKE '%' || :term || '%' ESCAPE '\')
 ORDER BY s.name, s.id
 LIMIT 20;
