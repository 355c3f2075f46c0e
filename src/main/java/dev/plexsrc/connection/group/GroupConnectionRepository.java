package dev.plexsrc.connection.group;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

import dev.plexsrc.database.SqlStatements;
import dev.plexsrc.list.Criteria;
import dev.plexsrc.list.Page;
import dev.plexsrc.list.PageRequest;
import dev.plexsrc.list.Paging;
import dev.plexsrc.source.PlexSource;
import dev.plexsrc.source.PlexSourceRows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each connection comes with its source in the same statement (a join), never one by one: plain
 * rows for retrieve and list ({@link SqlStatements}), managed entities for writes (Panache).
 */
@Singleton
public class GroupConnectionRepository implements PanacheRepositoryBase<GroupPlexSourceConnection, Integer> {

    private static final String COLUMNS = "c.id, c.group_id, c.identifier, c.created, c.last_updated, "
            + PlexSourceRows.COLUMNS;
    private static final String FROM = "group_plex_source_connection c JOIN plex_source s ON s.id = c.source_id";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM " + FROM + " WHERE c.id = $1";

    private final SqlStatements statements;

    public GroupConnectionRepository(SqlStatements statements) {
        this.statements = statements;
    }

    /** The connection for a response; not managed. */
    public Uni<GroupPlexSourceConnection> read(int id) {
        return statements.runForOne(BY_ID, Tuple.of(id), GroupConnectionRepository::fromRow);
    }

    public Uni<Page<GroupPlexSourceConnection>> page(Criteria criteria, String orderBy, PageRequest request) {
        return Paging.fetch(statements, COLUMNS, FROM, criteria, orderBy, request, GroupConnectionRepository::fromRow);
    }

    /** The managed connection with its source, for a change inside the caller's transaction. */
    @WithSession
    public Uni<GroupPlexSourceConnection> findWithSource(int id) {
        return find("select c from GroupPlexSourceConnection c join fetch c.source where c.id = ?1", id).firstResult();
    }

    @WithSession
    public Uni<Boolean> exists(UUID groupId, PlexSource source) {
        return count("groupId = ?1 and source = ?2", groupId, source).map(count -> count > 0);
    }

    @WithSession
    public Uni<List<GroupPlexSourceConnection>> listBySource(PlexSource source) {
        return list("source = ?1 order by id", source);
    }

    private static GroupPlexSourceConnection fromRow(Row row) {
        GroupPlexSourceConnection connection = new GroupPlexSourceConnection();
        connection.id = row.getInteger("id");
        connection.groupId = row.getUUID("group_id");
        connection.identifier = row.getString("identifier");
        connection.created = row.getOffsetDateTime("created").toInstant();
        connection.lastUpdated = row.getOffsetDateTime("last_updated").toInstant();
        connection.source = PlexSourceRows.from(row);
        return connection;
    }
}
