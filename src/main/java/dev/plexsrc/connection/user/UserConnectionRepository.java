package dev.plexsrc.connection.user;

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

/**
 * Each connection comes with its source in the same statement (a join), never one by one: plain
 * rows for retrieve and list ({@link SqlStatements}), managed entities for writes (Panache).
 */
@Singleton
public class UserConnectionRepository implements PanacheRepositoryBase<UserPlexSourceConnection, Integer> {

    private static final String COLUMNS = "c.id, c.user_id, c.identifier, c.created, c.last_updated, "
            + PlexSourceRows.COLUMNS;
    private static final String FROM = "user_plex_source_connection c JOIN plex_source s ON s.id = c.source_id";
    private static final String NEXT_ID = "SELECT CAST(nextval(pg_get_serial_sequence('user_plex_source_connection', 'id')) AS integer)";

    private final SqlStatements statements;

    public UserConnectionRepository(SqlStatements statements) {
        this.statements = statements;
    }

    /** The connection for a response, if the scope may see it; not managed. */
    public Uni<UserPlexSourceConnection> readVisible(int id, OwnerScope scope) {
        Criteria criteria = scope.restrict(new Criteria().equal("c.id", id));
        return statements.runForOne("SELECT " + COLUMNS + " FROM " + FROM + " WHERE " + criteria.where(),
                criteria.parameters(), UserConnectionRepository::fromRow);
    }

    public Uni<Page<UserPlexSourceConnection>> page(Criteria criteria, String orderBy, PageRequest request) {
        return Paging.fetch(statements, COLUMNS, FROM, criteria, orderBy, request, UserConnectionRepository::fromRow);
    }

    /** The managed connection with its source, for a change inside the caller's transaction. */
    @WithSession
    public Uni<UserPlexSourceConnection> findWithSource(int id) {
        return find("select c from UserPlexSourceConnection c join fetch c.source where c.id = ?1", id).firstResult();
    }

    /** The managed connection of this user to this source, or null. */
    @WithSession
    public Uni<UserPlexSourceConnection> findByUserAndSource(int userId, UUID sourceId) {
        return find("userId = ?1 and source.id = ?2", userId, sourceId).firstResult();
    }

    /**
     * The id the next connection is inserted under, from the identity column's own sequence: its
     * token is encrypted for that id before the insert. Runs in the caller's transaction.
     */
    @WithSession
    public Uni<Integer> nextId() {
        return getSession().flatMap(session -> session.createNativeQuery(NEXT_ID, Integer.class).getSingleResult());
    }

    @WithSession
    public Uni<Boolean> exists(int userId, PlexSource source) {
        return count("userId = ?1 and source = ?2", userId, source).map(count -> count > 0);
    }

    @WithSession
    public Uni<List<UserPlexSourceConnection>> listBySource(PlexSource source) {
        return list("source = ?1 order by id", source);
    }

    private static UserPlexSourceConnection fromRow(Row row) {
        UserPlexSourceConnection connection = new UserPlexSourceConnection();
        connection.id = row.getInteger("id");
        connection.userId = row.getInteger("user_id");
        connection.identifier = row.getString("identifier");
        connection.created = row.getOffsetDateTime("created").toInstant();
        connection.lastUpdated = row.getOffsetDateTime("last_updated").toInstant();
        connection.source = PlexSourceRows.from(row);
        return connection;
    }
}
