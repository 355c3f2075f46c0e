package dev.plexsrc.connection.group;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.SourceReference;
import dev.plexsrc.input.JsonFields;
import dev.plexsrc.input.Validated;
import dev.plexsrc.source.PlexSource;
import dev.plexsrc.source.PlexSourceMapper;

/** Explicit mapping between JSON bodies, {@link GroupConnectionRequest}, the entity and the response. */
@Singleton
public class GroupConnectionMapper {

    private final PlexSourceMapper sources;

    public GroupConnectionMapper(PlexSourceMapper sources) {
        this.sources = sources;
    }

    /** A create: group, source and identifier are all required. */
    public Validated<GroupConnectionRequest> readCreate(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        fields.require("group", SourceReference.FIELD, "identifier");
        GroupConnectionRequest request = new GroupConnectionRequest(fields.uuid("group"),
                fields.string(SourceReference.FIELD), fields.string("identifier", JsonFields.INDEXED_TEXT_MAX_LENGTH));
        return new Validated<>(request, fields.errors());
    }

    /** A PUT ({@code full}) or PATCH: group and source cannot change, so they are not read. */
    public Validated<GroupConnectionRequest> readUpdate(JsonNode body, boolean full) {
        JsonFields fields = JsonFields.of(body);
        if (full) {
            fields.require("identifier");
        }
        return new Validated<>(new GroupConnectionRequest(null, null, fields.string("identifier", JsonFields.INDEXED_TEXT_MAX_LENGTH)), fields.errors());
    }

    public GroupPlexSourceConnection create(GroupConnectionRequest request, PlexSource source) {
        GroupPlexSourceConnection connection = new GroupPlexSourceConnection();
        connection.groupId = request.group();
        connection.source = source;
        apply(request, connection);
        connection.created = connection.lastUpdated;
        return connection;
    }

    /** Copies the identifier when present and stamps {@code lastUpdated}. */
    public void apply(GroupConnectionRequest request, GroupPlexSourceConnection connection) {
        if (request.identifier() != null) {
            connection.identifier = request.identifier();
        }
        connection.lastUpdated = now();
    }

    public GroupConnectionResponse toResponse(GroupPlexSourceConnection connection) {
        return new GroupConnectionResponse(connection.id, connection.groupId, sources.toSource(connection.source),
                connection.identifier, connection.created, connection.lastUpdated);
    }

    // PostgreSQL keeps microseconds; answering with what was stored keeps responses stable.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
