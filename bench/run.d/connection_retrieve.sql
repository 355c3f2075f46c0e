-- (f) GET /sources/user_connections/plex/{id}/ (admin): the connection with its source, one
-- statement. Variables: nconnections.
\set id random(1, :nconnections)
SELECT c.id, c.user_id, c.identifier, c.created, c.last_updated, s.*
  FROM user_plex_source_connection c JOIN plex_source s ON s.id = c.source_id
 WHERE c.id = :id;
