package dev.plexsrc.connection.user;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.plexsrc.source.SourceResponse;

/** A user connection as the API returns it: never its Plex token. */
@Schema(name = "UserPlexSourceConnection", description = "Plex Source connection Serializer")
public record UserConnectionResponse(
        @Schema(required = true, readOnly = true) int pk,
        @Schema(required = true, readOnly = true) int user,
        @Schema(required = true, readOnly = true) SourceResponse source,
        @Schema(required = true, readOnly = true) Instant created,
        @Schema(required = true) String identifier,
        @JsonProperty("last_updated") @Schema(readOnly = true) Instant lastUpdated) {
}
