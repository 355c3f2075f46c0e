package dev.plexsrc.connection.user;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.plexsrc.connection.ConnectionResponse;
import dev.plexsrc.contract.In2024As;
import dev.plexsrc.contract.Order2024;
import dev.plexsrc.source.SourceRow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A user connection as the API returns it, never its Plex token: 2026.8's shape, where
 * {@code source} is the source's pk and {@code source_obj} the source; 2024.8 nests the source as
 * {@code source}.
 */
@JsonPropertyOrder({ "pk", "user", "source", "source_obj", "identifier", "created", "last_updated" })
@Order2024({ "pk", "user", "source", "created", "identifier", "last_updated" })
// Jackson reads its annotated accessors (and the contract annotations) reflectively, in a native image too.
@RegisterForReflection
public record UserConnectionResponse(
        int pk,
        int user,
        @In2024As("source") @JsonProperty("source_obj") SourceRow sourceObj,
        String identifier,
        Instant created,
        @JsonProperty("last_updated") Instant lastUpdated) implements ConnectionResponse {
}
