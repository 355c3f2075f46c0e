package dev.plexsrc.connection.group;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;

import dev.plexsrc.connection.ConnectionKind;
import dev.plexsrc.connection.ConnectionOwner;
import dev.plexsrc.connection.ConnectionRow;
import dev.plexsrc.connection.ConnectionService;
import dev.plexsrc.connection.SourceReference;
import dev.plexsrc.database.SqlStatements;

/** Group connections: the shared flow as it is, with no owner scope (the routes' permissions decide). */
// used_by lists user connections before group connections.
@Priority(1)
@Singleton
public class GroupConnectionService
        extends ConnectionService<GroupPlexSourceConnection, UUID, GroupConnectionRequest, GroupConnectionResponse> {

    public GroupConnectionService(SqlStatements statements, SourceReference references) {
        super(new ConnectionKind<>(GroupPlexSourceConnection.class, GroupPlexSourceConnection::new,
                ConnectionOwner.uuid("group"), "group_plex_source_connection", "groupplexsourceconnection",
                "group_plex_source_connection_group_source_key"),
                GroupConnectionService::toResponse, statements, references);
    }

    private static GroupConnectionResponse toResponse(ConnectionRow<UUID> connection) {
        return new GroupConnectionResponse(connection.id(), connection.owner(), connection.source(), connection.identifier(),
                connection.created(), connection.lastUpdated());
    }
}
