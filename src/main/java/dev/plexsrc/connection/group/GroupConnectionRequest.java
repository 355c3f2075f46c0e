package dev.plexsrc.connection.group;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A validated write to a group connection; a {@code null} component was absent. {@code group}
 * and {@code source} are read on create only.
 */
@Schema(name = "GroupPlexSourceConnectionRequest", description = "Plex Group-Source connection Serializer")
public record GroupConnectionRequest(
        @Schema(required = true, description = "Required on create, ignored afterwards.") UUID group,
        @Schema(required = true, description = "The source's pk (uuid) or slug; required on create, ignored afterwards.")
        String source,
        @Schema(required = true, minLength = 1) String identifier) {

    @Schema(name = "PatchedGroupPlexSourceConnectionRequest", description = "Plex Group-Source connection Serializer")
    public record Patched(@Schema(minLength = 1) String identifier) {
    }
}
