-- (f) GET /sources/user_connections/plex/{id}/ (admin): the connection with its source, one
-- statement. Variables: nconnections.
\set id random(1, :nconnections)
SELECT c.*, s.* FROM user_plex_source_connection c JOIN plex_source s ON s.id = c.source_id
 WHERE c.id = :id
 LIMIT 1;
