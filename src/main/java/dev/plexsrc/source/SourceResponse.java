package dev.plexsrc.source;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The source nested in a connection: the Plex source's fields from pk through icon. */
public record SourceResponse(
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
        String icon) {
}
