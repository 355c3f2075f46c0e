-- (c) GET /sources/plex/?page_size=20&enabled=true&search=TERM: page 1 by name, pk, with the count
-- of all matches alongside each row (a window count), one statement as the service runs it.
-- Variables: term (lower case, as the service lowers it).
SELECT s.*, count(*) OVER () AS total_count
  FROM plex_source s
 WHERE s.enabled = true
   AND (lower(s.name) LIKE '%' || :term || '%' ESCAPE '\' OR lower(s.slug) LIKE '%' || :term || '%' ESCAPE '\')
 ORDER BY s.name, s.id
 LIMIT 20 OFFSET 0;
