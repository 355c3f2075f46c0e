-- Plex sources: the settings that let people log in with their plex.tv account.
CREATE TABLE plex_source (
    id                      uuid         PRIMARY KEY,
    name                    text         NOT NULL,
    slug                    varchar(50)  NOT NULL,
    enabled                 boolean      NOT NULL DEFAULT true,
    authentication_flow     uuid,
    enrollment_flow         uuid,
    user_property_mappings  uuid[]       NOT NULL DEFAULT '{}',
    group_property_mappings uuid[]       NOT NULL DEFAULT '{}',
    policy_engine_mode      varchar(3)   NOT NULL DEFAULT 'any',
    user_matching_mode      varchar(16)  NOT NULL DEFAULT 'identifier',
    managed                 text,
    user_path_template      text         NOT NULL DEFAULT 'goauthentik.io/sources/%(slug)s',
    group_matching_mode     varchar(16)  NOT NULL DEFAULT 'identifier',
    client_id               text         NOT NULL,
    allowed_servers         text[]       NOT NULL DEFAULT '{}',
    allow_friends           boolean      NOT NULL DEFAULT true,
    -- AES-GCM ciphertext (base64), never the plain token.
    plex_token              text         NOT NULL,
    CONSTRAINT plex_source_slug_key UNIQUE (slug),
    CONSTRAINT plex_source_managed_key UNIQUE (managed),
    CONSTRAINT plex_source_policy_engine_mode_check CHECK (policy_engine_mode IN ('all', 'any')),
    CONSTRAINT plex_source_user_matching_mode_check CHECK (user_matching_mode IN
        ('identifier', 'email_link', 'email_deny', 'username_link', 'username_deny')),
    CONSTRAINT plex_source_group_matching_mode_check CHECK (group_matching_mode IN
        ('identifier', 'name_link', 'name_deny'))
);

-- Default ordering is by name with pk as the tiebreak.
CREATE INDEX plex_source_name_id_idx ON plex_source (name, id);
CREATE INDEX plex_source_client_id_idx ON plex_source (client_id);
CREATE INDEX plex_source_authentication_flow_idx ON plex_source (authentication_flow);
CREATE INDEX plex_source_enrollment_flow_idx ON plex_source (enrollment_flow);
