package dev.plexsrc.source;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A validated write to a Plex source. A {@code null} component was absent from the request and
 * leaves the stored value alone; for the nullable flows, {@code Optional.empty()} clears them.
 */
public record PlexSourceRequest(
        String name,
        String slug,
        Boolean enabled,
        @JsonProperty("authentication_flow") Optional<UUID> authenticationFlow,
        @JsonProperty("enrollment_flow") Optional<UUID> enrollmentFlow,
        @JsonProperty("user_property_mappings") List<UUID> userPropertyMappings,
        @JsonProperty("group_property_mappings") List<UUID> groupPropertyMappings,
        @JsonProperty("policy_engine_mode") String policyEngineMode,
        @JsonProperty("user_matching_mode") String userMatchingMode,
        @JsonProperty("user_path_template") String userPathTemplate,
        @JsonProperty("group_matching_mode") String groupMatchingMode,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("allowed_servers") List<String> allowedServers,
        @JsonProperty("allow_friends") Boolean allowFriends,
        @JsonProperty("plex_token") String plexToken) {
}
