package dev.plexsrc.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A Plex source as the API returns it: its row, then {@code plex_token}, left out for view-only callers. */
public record PlexSourceResponse(
        @JsonUnwrapped PlexSourceRow source,
        @JsonProperty("plex_token") @JsonInclude(JsonInclude.Include.NON_NULL) String plexToken) {
}
