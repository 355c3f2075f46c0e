-- authentik 2026.8's source fields: shown as a prominent button on the login page, and an icon of
-- its own ('' for none). Its slugs have no 50-character limit; 255 keeps them fit for a URL.
-- Widening a varchar only changes the catalog: no table rewrite.
ALTER TABLE plex_source
    ADD COLUMN promoted boolean NOT NULL DEFAULT false,
    ADD COLUMN icon text NOT NULL DEFAULT '',
    ALTER COLUMN slug TYPE varchar(255);
