package dev.plexsrc.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A Plex source as the API returns it: its row, then {@code plex_token}, left out for view-only callers. */
// Jackson reads its annotated accessors (and the contract annotations) reflectively, in a native image too.
@RegisterForReflection
public record PlexSourceResponse(
        @JsonUnwrapped PlexSourceRow source,
        @JsonProperty("plex_token") @JsonInclude(JsonInclude.Include.NON_NULL) String plexToken) {
}
