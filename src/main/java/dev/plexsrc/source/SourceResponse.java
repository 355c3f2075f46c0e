package dev.plexsrc.source;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The fields every source has, pk through icon: a connection's nested source, and the start of a Plex source. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SourceResponse(
        UUID pk,
        String name,
        String slug,
        boolean enabled,
        UUID authenticationFlow,
        UUID enrollmentFlow,
        List<UUID> userPropertyMappings,
        List<UUID> groupPropertyMappings,
        String component,
        String verboseName,
        String verboseNamePlural,
        String metaModelName,
        String policyEngineMode,
        String userMatchingMode,
        String managed,
        String userPathTemplate,
        String icon) {
}
