package dev.plexsrc.source;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A Plex source as stored; {@code plexToken} holds ciphertext, never the plain token. */
@Entity
@Table(name = "plex_source")
public class PlexSource {

    @Id
    public UUID id;

    public String name;

    public String slug;

    public boolean enabled;

    @Column(name = "authentication_flow")
    public UUID authenticationFlow;

    @Column(name = "enrollment_flow")
    public UUID enrollmentFlow;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "user_property_mappings")
    public UUID[] userPropertyMappings;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "group_property_mappings")
    public UUID[] groupPropertyMappings;

    @Column(name = "policy_engine_mode")
    public String policyEngineMode;

    @Column(name = "user_matching_mode")
    public String userMatchingMode;

    public String managed;

    @Column(name = "user_path_template")
    public String userPathTemplate;

    @Column(name = "group_matching_mode")
    public String groupMatchingMode;

    @Column(name = "client_id")
    public String clientId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_servers")
    public String[] allowedServers;

    @Column(name = "allow_friends")
    public boolean allowFriends;

    @Column(name = "plex_token")
    public String plexToken;
}
