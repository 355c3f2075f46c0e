package dev.plexsrc.source;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.plexsrc.contract.In2024As;
import dev.plexsrc.contract.NotIn2024;
import dev.plexsrc.database.ReadModel;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The columns every source has, as reads select them ({@link ReadModel}) and as the API answers
 * them: a connection's nested source, and the start of a Plex source. The JSON names are the
 * components' snake_case names, {@code id} answers as {@code pk}, and the fields authentik derives
 * from the source's kind are constants. The shape is 2026.8's; its annotations give 2024.8's,
 * where {@code icon} was what {@code icon_url} is now.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({ "pk", "name", "slug", "enabled", "promoted", "authentication_flow", "enrollment_flow",
        "user_property_mappings", "group_property_mappings", "component", "verbose_name", "verbose_name_plural",
        "meta_model_name", "policy_engine_mode", "user_matching_mode", "managed", "user_path_template", "icon",
        "icon_url", "icon_themed_urls" })
public record SourceRow(
        @JsonProperty("pk") UUID id,
        String name,
        String slug,
        boolean enabled,
        @NotIn2024 boolean promoted,
        UUID authenticationFlow,
        UUID enrollmentFlow,
        List<UUID> userPropertyMappings,
        List<UUID> groupPropertyMappings,
        String policyEngineMode,
        String userMatchingMode,
        String managed,
        String userPathTemplate,
        @NotIn2024 String icon) {

    /** Its columns, for a source aliased {@code s}. */
    public static final ReadModel<SourceRow> MODEL = new ReadModel<>(SourceRow.class, "s");

    @JsonProperty("component")
    String component() {
        return "ak-source-plex-form";
    }

    @JsonProperty("verbose_name")
    String verboseName() {
        return "Plex Source";
    }

    @JsonProperty("verbose_name_plural")
    String verboseNamePlural() {
        return "Plex Sources";
    }

    @JsonProperty("meta_model_name")
    String metaModelName() {
        return "authentik_sources_plex.plexsource";
    }

    /** The icon as set, else the Plex icon. */
    @In2024As("icon")
    @JsonProperty("icon_url")
    String iconUrl() {
        return icon.isEmpty() ? "/static/authentik/sources/plex.svg" : icon;
    }

    /** plexsrc keeps no themed variants of an icon. */
    @NotIn2024
    @JsonProperty("icon_themed_urls")
    Map<String, String> iconThemedUrls() {
        return null;
    }
}
