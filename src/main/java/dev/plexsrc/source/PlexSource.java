package dev.plexsrc.source;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicInsert;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A Plex source as written; {@code plexToken} holds ciphertext, never the plain token. Each field
 * is the column of its snake_case name (the naming strategy in application.properties), and of the
 * component of the same name in {@link PlexSourceRow}.
 */
@Entity
// A create leaves out the columns it did not set, so that they take their defaults from the schema.
@DynamicInsert
@Table(name = "plex_source")
public class PlexSource {

    @Id
    public UUID id;

    public String name;

    public String slug;

    public Boolean enabled;

    public UUID authenticationFlow;

    public UUID enrollmentFlow;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public UUID[] userPropertyMappings;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public UUID[] groupPropertyMappings;

    public String policyEngineMode;

    public String userMatchingMode;

    public String managed;

    public String userPathTemplate;

    public String groupMatchingMode;

    public String clientId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] allowedServers;

    public Boolean allowFriends;

    public String plexToken;
}
