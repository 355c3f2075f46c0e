package dev.plexsrc.connection.group;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.plexsrc.source.SourceResponse;

@Schema(name = "GroupPlexSourceConnection", description = "Plex Group-Source connection Serializer")
public record GroupConnectionResponse(
        @Schema(required = true, readOnly = true) int pk,
        @Schema(required = true, readOnly = true) UUID group,
        @Schema(required = true, readOnly = true) SourceResponse source,
        @Schema(required = true, readOnly = true) String identifier,
        @Schema(required = true, readOnly = true) Instant created,
        @JsonProperty("last_updated") @Schema(readOnly = true) Instant lastUpdated) {
}
