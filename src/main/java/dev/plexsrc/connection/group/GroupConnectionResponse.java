package dev.plexsrc.connection.group;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.plexsrc.source.SourceRow;

public record GroupConnectionResponse(
        int pk,
        UUID group,
        SourceRow source,
        String identifier,
        Instant created,
        @JsonProperty("last_updated") Instant lastUpdated) {
}
