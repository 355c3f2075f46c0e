package dev.plexsrc.source;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A Plex source as the API returns it; {@code plex_token} is left out for view-only callers. */
public record PlexSourceResponse(
        UUID pk,
        String name,
        String slug,
        boolean enabled,
        @JsonProperty("authentication_flow") UUID authenticationFlow,
        @JsonProperty("enrollment_flow") UUID enrollmentFlow,
        @JsonProperty("user_property_mappings") List<UUID> userPropertyMappings,
        @JsonProperty("group_property_mappings") List<UUID> groupPropertyMappings,
        String component,
        @JsonProperty("verbose_name") String verboseName,
        @JsonProperty("verbose_name_plural") String verboseNamePlural,
        @JsonProperty("meta_model_name") String metaModelName,
        @JsonProperty("policy_engine_mode")
        String policyEngineMode,
        @JsonProperty("user_matching_mode")
        String userMatchingMode,
        String managed,
        @JsonProperty("user_path_template") String userPathTemplate,
        String icon,
        @JsonProperty("group_matching_mode")
        String groupMatchingMode,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("allowed_servers") List<String> allowedServers,
        @JsonProperty("allow_friends") boolean allowFriends,
        @JsonProperty("plex_token") @JsonInclude(JsonInclude.Include.NON_NULL)
        String plexToken) {
}
