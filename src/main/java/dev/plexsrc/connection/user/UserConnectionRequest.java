package dev.plexsrc.connection.user;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A validated write to a user connection; a {@code null} component was absent. {@code source}
 * and {@code user} are read on create only.
 */
public record UserConnectionRequest(
        String identifier,
        @JsonProperty("plex_token") String plexToken,
        String source,
        Integer user) {
}
