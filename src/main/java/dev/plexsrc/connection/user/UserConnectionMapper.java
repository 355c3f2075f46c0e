package dev.plexsrc.connection.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.SourceReference;
import dev.plexsrc.encryption.TokenCipher;
import dev.plexsrc.encryption.TokenTable;
import dev.plexsrc.input.JsonFields;
import dev.plexsrc.input.Validated;
import dev.plexsrc.source.PlexSource;
import dev.plexsrc.source.PlexSourceMapper;

/** Explicit mapping between JSON bodies, {@link UserConnectionRequest}, the entity and the response. */
@Singleton
public class UserConnectionMapper {

    private final TokenCipher cipher;
    private final PlexSourceMapper sources;

    public UserConnectionMapper(TokenCipher cipher, PlexSourceMapper sources) {
        this.cipher = cipher;
        this.sources = sources;
    }

    /** A create: identifier, plex_token and source are required; user defaults to the caller. */
    public Validated<UserConnectionRequest> readCreate(JsonNode body, Optional<Integer> callerId) {
        JsonFields fields = JsonFields.of(body);
        fields.require("identifier", "plex_token", SourceReference.FIELD);
        Integer user = fields.present("user") ? fields.integer("user") : callerId.orElse(null);
        if (!fields.present("user") && user == null) {
            fields.require("user");
        }
        UserConnectionRequest request = new UserConnectionRequest(fields.string("identifier", JsonFields.INDEXED_TEXT_MAX_LENGTH),
                fields.string("plex_token"), fields.string(SourceReference.FIELD), user);
        return new Validated<>(request, fields.errors());
    }

    /** A PUT ({@code full}) or PATCH: user and source cannot change, so they are not read. */
    public Validated<UserConnectionRequest> readUpdate(JsonNode body, boolean full) {
        JsonFields fields = JsonFields.of(body);
        if (full) {
            fields.require("identifier", "plex_token");
        }
        UserConnectionRequest request = new UserConnectionRequest(fields.string("identifier", JsonFields.INDEXED_TEXT_MAX_LENGTH),
                fields.string("plex_token"), null, null);
        return new Validated<>(request, fields.errors());
    }

    /** A new connection with the id it will be inserted under, which its token is encrypted for. */
    public UserPlexSourceConnection create(UserConnectionRequest request, PlexSource source, int id) {
        UserPlexSourceConnection connection = new UserPlexSourceConnection();
        connection.id = id;
        connection.userId = request.user();
        connection.source = source;
        apply(request, connection);
        connection.created = connection.lastUpdated;
        return connection;
    }

    /** Copies identifier and token when present and stamps {@code lastUpdated}. */
    public void apply(UserConnectionRequest request, UserPlexSourceConnection connection) {
        if (request.identifier() != null) {
            connection.identifier = request.identifier();
        }
        if (request.plexToken() != null) {
            connection.plexToken = cipher.encrypt(request.plexToken(), TokenTable.USER_CONNECTION.row(connection.id));
        }
        connection.lastUpdated = now();
    }

    public UserConnectionResponse toResponse(UserPlexSourceConnection connection) {
        return new UserConnectionResponse(connection.id, connection.userId, sources.toSource(connection.source),
                connection.created, connection.identifier, connection.lastUpdated);
    }

    // PostgreSQL keeps microseconds; answering with what was stored keeps responses stable.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
