package dev.plexsrc.source;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Plex source as the API returns it: the fields every source has, then the Plex-only ones;
 * {@code plex_token} is left out for view-only callers.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlexSourceResponse(
        @JsonUnwrapped SourceResponse source,
        String groupMatchingMode,
        String clientId,
        List<String> allowedServers,
        boolean allowFriends,
        @JsonInclude(JsonInclude.Include.NON_NULL) String plexToken) {
}
