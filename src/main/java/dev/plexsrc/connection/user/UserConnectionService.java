package dev.plexsrc.connection.user;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;

import dev.plexsrc.connection.ConnectionKind;
import dev.plexsrc.connection.ConnectionOwner;
import dev.plexsrc.connection.ConnectionRow;
import dev.plexsrc.connection.ConnectionService;
import dev.plexsrc.connection.DuplicateConnection;
import dev.plexsrc.connection.SourceReference;
import dev.plexsrc.database.SqlStatements;
import dev.plexsrc.encryption.TokenCipher;
import dev.plexsrc.encryption.TokenTable;
import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.input.Validated;
import dev.plexsrc.security.Viewer;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * User connections: the shared flow, and what is a user's own:
 * 1. the owner scope ({@link OwnerScope}), in the API and in the change stream;
 * 2. the Plex token, encrypted for the connection's id;
 * 3. the link of a caller's Plex account ({@link PlexAccountLinking}).
 */
// used_by lists user connections before group connections.
@Priority(2)
@Singleton
public class UserConnectionService
        extends ConnectionService<UserPlexSourceConnection, Integer, UserConnectionRequest, UserConnectionResponse> {

    private final TokenCipher cipher;

    public UserConnectionService(TokenCipher cipher, SqlStatements statements, SourceReference references) {
        super(new ConnectionKind<>(UserPlexSourceConnection.class, UserPlexSourceConnection::new,
                ConnectionOwner.integer("user"), "user_plex_source_connection", "userplexsourceconnection",
                "user_plex_source_connection_user_source_key"),
                UserConnectionService::toResponse, statements, references);
        this.cipher = cipher;
    }

    /**
     * The user's connection to the source, with this Plex identifier and token: refreshed if it
     * exists, else created. Of two links of one user racing to create it, one fails as a
     * {@link DuplicateConnection}, which the caller runs again: it is an update now.
     */
    @WithTransaction
    public Uni<UserConnectionResponse> link(int userId, UUID sourceId, String identifier, String plexToken) {
        UserConnectionRequest request = new UserConnectionRequest(identifier, plexToken, sourceId.toString(), userId);
        return findByOwnerAndSource(userId, sourceId).flatMap(existing -> existing == null
                ? create(new Validated<>(request, new FieldErrors()))
                : refresh(existing, request));
    }

    /** A caller's own connections' changes, or all with the view permission. */
    @Override
    public boolean visible(Viewer viewer, Integer ownerUserId) {
        return scope(viewer).sees(ownerUserId);
    }

    @Override
    protected OwnerScope scope(Viewer viewer) {
        return OwnerScope.of(viewer.may(UserConnectionResource.VIEW), viewer.userId());
    }

    /** The token's ciphertext is bound to the connection it is stored in. */
    @Override
    protected void applyOwnFields(UserConnectionRequest request, UserPlexSourceConnection connection) {
        if (request.plexToken() != null) {
            connection.plexToken = cipher.encrypt(request.plexToken(), TokenTable.USER_CONNECTION.row(connection.id));
        }
    }

    private static UserConnectionResponse toResponse(ConnectionRow<Integer> connection) {
        return new UserConnectionResponse(connection.id(), connection.owner(), connection.source(), connection.identifier(),
                connection.created(), connection.lastUpdated());
    }
}
