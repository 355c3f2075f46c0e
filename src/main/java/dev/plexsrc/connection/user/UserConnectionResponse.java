package dev.plexsrc.connection.user;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.plexsrc.source.SourceRow;

/** A user connection as the API returns it: never its Plex token. */
public record UserConnectionResponse(
        int pk,
        int user,
        SourceRow source,
        Instant created,
        String identifier,
        @JsonProperty("last_updated") Instant lastUpdated) {
}
