package dev.plexsrc.connection.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A validated write to a user connection; a {@code null} component was absent. {@code source}
 * and {@code user} are read on create only.
 */
@Schema(name = "UserPlexSourceConnectionRequest", description = "Plex Source connection Serializer")
public record UserConnectionRequest(
        @Schema(required = true, minLength = 1) String identifier,
        @JsonProperty("plex_token") @Schema(required = true, writeOnly = true, minLength = 1) String plexToken,
        @Schema(description = "The source's pk (uuid) or slug; required on create, ignored afterwards.")
        String source,
        @Schema(description = "Defaults to the caller; ignored after create.") Integer user) {

    @Schema(name = "PatchedUserPlexSourceConnectionRequest", description = "Plex Source connection Serializer")
    public record Patched(
            @Schema(minLength = 1) String identifier,
            @JsonProperty("plex_token") @Schema(writeOnly = true, minLength = 1) String plexToken) {
    }
}
