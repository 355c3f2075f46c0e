package dev.plexsrc.source;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The source nested in a connection: the Plex source's fields from pk through icon. */
@Schema(name = "Source", description = "Source Serializer")
public record SourceResponse(
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
        @Schema(required = true, readOnly = true) String icon) {
}
