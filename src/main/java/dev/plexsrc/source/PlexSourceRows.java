package dev.plexsrc.source;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A source as the read path selects it: every column under an {@code s_} name, so that it can sit
 * beside a connection's columns in one row, and read back into an unmanaged {@link PlexSource}.
 */
public final class PlexSourceRows {

    /** The select list for a source aliased {@code s}. */
    public static final String COLUMNS = "s.id AS s_id, s.name AS s_name, s.slug AS s_slug, s.enabled AS s_enabled, "
            + "s.authentication_flow AS s_authentication_flow, s.enrollment_flow AS s_enrollment_flow, "
            + "s.user_property_mappings AS s_user_property_mappings, "
            + "s.group_property_mappings AS s_group_property_mappings, s.policy_engine_mode AS s_policy_engine_mode, "
            + "s.user_matching_mode AS s_user_matching_mode, s.managed AS s_managed, "
            + "s.user_path_template AS s_user_path_template, s.group_matching_mode AS s_group_matching_mode, "
            + "s.client_id AS s_client_id, s.allowed_servers AS s_allowed_servers, s.allow_friends AS s_allow_friends, "
            + "s.plex_token AS s_plex_token";

    private PlexSourceRows() {
    }

    public static PlexSource from(Row row) {
        PlexSource source = new PlexSource();
        source.id = row.getUUID("s_id");
        source.name = row.getString("s_name");
        source.slug = row.getString("s_slug");
        source.enabled = row.getBoolean("s_enabled");
        source.authenticationFlow = row.getUUID("s_authentication_flow");
        source.enrollmentFlow = row.getUUID("s_enrollment_flow");
        source.userPropertyMappings = row.getArrayOfUUIDs("s_user_property_mappings");
        source.groupPropertyMappings = row.getArrayOfUUIDs("s_group_property_mappings");
        source.policyEngineMode = row.getString("s_policy_engine_mode");
        source.userMatchingMode = row.getString("s_user_matching_mode");
        source.managed = row.getString("s_managed");
        source.userPathTemplate = row.getString("s_user_path_template");
        source.groupMatchingMode = row.getString("s_group_matching_mode");
        source.clientId = row.getString("s_client_id");
        source.allowedServers = row.getArrayOfStrings("s_allowed_servers");
        source.allowFriends = row.getBoolean("s_allow_friends");
        source.plexToken = row.getString("s_plex_token");
        return source;
    }
}
