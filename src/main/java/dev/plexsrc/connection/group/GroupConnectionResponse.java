package dev.plexsrc.connection.group;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.plexsrc.connection.ConnectionResponse;
import dev.plexsrc.contract.In2024As;
import dev.plexsrc.source.SourceRow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A group connection as the API returns it: 2026.8's shape, where {@code source} is the source's
 * pk and {@code source_obj} the source; 2024.8 nests the source as {@code source}.
 */
@JsonPropertyOrder({ "pk", "group", "source", "source_obj", "identifier", "created", "last_updated" })
// Jackson reads its annotated accessors (and the contract annotations) reflectively, in a native image too.
@RegisterForReflection
public record GroupConnectionResponse(
        int pk,
        UUID group,
        @In2024As("source") @JsonProperty("source_obj") SourceRow sourceObj,
        String identifier,
        Instant created,
        @JsonProperty("last_updated") Instant lastUpdated) implements ConnectionResponse {
}
