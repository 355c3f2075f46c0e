package dev.plexsrc.source;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.plexsrc.database.ReadModel;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A Plex source as reads select it: every column of {@code plex_source} ({@link ReadModel}), the
 * ones every source has first. It answers as the API's PlexSource but for {@code plex_token}, which
 * holds ciphertext here and is answered decrypted, or not at all, by {@link PlexSourceResponse}.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlexSourceRow(
        @JsonUnwrapped SourceRow base,
        String groupMatchingMode,
        String clientId,
        List<String> allowedServers,
        boolean allowFriends,
        @JsonIgnore String plexToken) {

    /** Its columns, for a source aliased {@code s}. */
    public static final ReadModel<PlexSourceRow> MODEL = new ReadModel<>(PlexSourceRow.class, "s");

}
