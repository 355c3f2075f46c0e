package dev.plexsrc.source;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A validated write to a Plex source. A {@code null} component was absent from the request and
 * leaves the stored value alone; for the nullable flows, {@code Optional.empty()} clears them.
 */
@Schema(name = "PlexSourceRequest", description = "Plex Source Serializer")
public record PlexSourceRequest(
        @Schema(required = true, minLength = 1) String name,
        @Schema(required = true, minLength = 1, maxLength = 50, pattern = "^[-a-zA-Z0-9_]+$") String slug,
        Boolean enabled,
        @JsonProperty("authentication_flow") @Schema(nullable = true) Optional<UUID> authenticationFlow,
        @JsonProperty("enrollment_flow") @Schema(nullable = true) Optional<UUID> enrollmentFlow,
        @JsonProperty("user_property_mappings") List<UUID> userPropertyMappings,
        @JsonProperty("group_property_mappings") List<UUID> groupPropertyMappings,
        @JsonProperty("policy_engine_mode") @Schema(ref = "PolicyEngineMode")
        String policyEngineMode,
        @JsonProperty("user_matching_mode") @Schema(ref = "UserMatchingModeEnum")
        String userMatchingMode,
        @JsonProperty("user_path_template") @Schema(minLength = 1) String userPathTemplate,
        @JsonProperty("group_matching_mode") @Schema(ref = "GroupMatchingModeEnum")
        String groupMatchingMode,
        @JsonProperty("client_id") @Schema(minLength = 1) String clientId,
        @JsonProperty("allowed_servers") List<String> allowedServers,
        @JsonProperty("allow_friends") Boolean allowFriends,
        @JsonProperty("plex_token") @Schema(required = true, minLength = 1) String plexToken) {

    /** The same fields, none required: the body of a PATCH. Only names the shape in the API document. */
    @Schema(name = "PatchedPlexSourceRequest", description = "Plex Source Serializer")
    public record Patched(
            @Schema(minLength = 1) String name,
            @Schema(minLength = 1, maxLength = 50, pattern = "^[-a-zA-Z0-9_]+$") String slug,
            Boolean enabled,
            @JsonProperty("authentication_flow") @Schema(nullable = true) UUID authenticationFlow,
            @JsonProperty("enrollment_flow") @Schema(nullable = true) UUID enrollmentFlow,
            @JsonProperty("user_property_mappings") List<UUID> userPropertyMappings,
            @JsonProperty("group_property_mappings") List<UUID> groupPropertyMappings,
            @JsonProperty("policy_engine_mode") @Schema(ref = "PolicyEngineMode")
            String policyEngineMode,
            @JsonProperty("user_matching_mode") @Schema(ref = "UserMatchingModeEnum")
            String userMatchingMode,
            @JsonProperty("user_path_template") @Schema(minLength = 1) String userPathTemplate,
            @JsonProperty("group_matching_mode") @Schema(ref = "GroupMatchingModeEnum")
            String groupMatchingMode,
            @JsonProperty("client_id") @Schema(minLength = 1) String clientId,
            @JsonProperty("allowed_servers") List<String> allowedServers,
            @JsonProperty("allow_friends") Boolean allowFriends,
            @JsonProperty("plex_token") @Schema(minLength = 1) String plexToken) {
    }
}
