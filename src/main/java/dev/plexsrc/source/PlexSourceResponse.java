package dev.plexsrc.source;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Plex source as the API returns it; {@code plex_token} is left out for view-only callers. */
@Schema(name = "PlexSource", description = "Plex Source Serializer")
public record PlexSourceResponse(
        @Schema(required = true, readOnly = true) UUID pk,
        @Schema(required = true) String name,
        @Schema(required = true, maxLength = 50, pattern = "^[-a-zA-Z0-9_]+$") String slug,
        boolean enabled,
        @JsonProperty("authentication_flow") @Schema(nullable = true) UUID authenticationFlow,
        @JsonProperty("enrollment_flow") @Schema(nullable = true) UUID enrollmentFlow,
        @JsonProperty("user_property_mappings") List<UUID> userPropertyMappings,
        @JsonProperty("group_property_mappings") List<UUID> groupPropertyMappings,
        @Schema(required = true, readOnly = true) String component,
        @JsonProperty("verbose_name") @Schema(required = true, readOnly = true) String verboseName,
        @JsonProperty("verbose_name_plural") @Schema(required = true, readOnly = true) String verboseNamePlural,
        @JsonProperty("meta_model_name") @Schema(required = true, readOnly = true) String metaModelName,
        @JsonProperty("policy_engine_mode") @Schema(ref = "PolicyEngineMode")
        String policyEngineMode,
        @JsonProperty("user_matching_mode") @Schema(ref = "UserMatchingModeEnum")
        String userMatchingMode,
        @Schema(required = true, readOnly = true, nullable = true) String managed,
        @JsonProperty("user_path_template") String userPathTemplate,
        @Schema(required = true, readOnly = true) String icon,
        @JsonProperty("group_matching_mode") @Schema(ref = "GroupMatchingModeEnum")
        String groupMatchingMode,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("allowed_servers") List<String> allowedServers,
        @JsonProperty("allow_friends") boolean allowFriends,
        @JsonProperty("plex_token") @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(required = true)
        String plexToken) {
}
