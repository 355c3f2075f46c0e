package dev.plexsrc.connection;

import java.util.UUID;

import jakarta.persistence.EntityGraph;

import dev.plexsrc.database.SqlStatements;
import dev.plexsrc.list.Criteria;
import dev.plexsrc.list.Page;
import dev.plexsrc.list.PageRequest;
import dev.plexsrc.list.Paging;
import dev.plexsrc.source.PlexSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One kind's table, reached in the two ways a request may:
 * 1. reads: one statement ({@link SqlStatements}) into {@link ConnectionRow}s, each joined to its source;
 * 2. writes: the entity, through the session of the caller's transaction, every statement on it;
 *    no query is HQL, whose first translation in a process blocks the event loop.
 */
final class ConnectionRepository<E extends PlexSourceConnection<O>, O> {

    private final SqlStatements statements;
    private final ConnectionOwner<O> owner;
    private final Class<E> entity;
    private final String columns;
    private final String from;
    private final String usedBy;
    private final String byOwnerAndSource;
    private final String nextId;

    ConnectionRepository(SqlStatements statements, ConnectionKind<E, O> kind) {
        this.statements = statements;
        this.owner = kind.owner();
        this.entity = kind.entity();
        this.columns = ConnectionRow.columns(owner);
        this.from = kind.table() + " c JOIN plex_source s ON s.id = c.source_id";
        this.usedBy = "SELECT c.id, " + owner.column() + " AS owner FROM " + from + " WHERE s.slug = $1 ORDER BY c.id";
        this.byOwnerAndSource = "SELECT c.* FROM " + kind.table() + " c WHERE " + owner.column() + " = ?1 AND c.source_id = ?2";
        this.nextId = "SELECT CAST(nextval(pg_get_serial_sequence('" + kind.table() + "', 'id')) AS integer)";
    }

    /** The connection, if {@code scope} sees it. */
    Uni<ConnectionRow<O>> read(int id, ConnectionScope<O> scope) {
        Criteria criteria = scope.restrict(new Criteria().equal("c.id", id), owner.column());
        return statements.runForOne("SELECT " + columns + " FROM " + from + " WHERE " + criteria.where(),
                criteria.parameters(), this::toRow);
    }

    Uni<Page<ConnectionRow<O>>> page(Criteria criteria, String orderBy, PageRequest request) {
        return Paging.fetch(statements, columns, from, criteria, orderBy, request, this::toRow);
    }

    /** The statement of the connections to the source whose slug is {@code $1}: their id and owner. */
    String usedBy() {
        return usedBy;
    }

    /** The managed connection with its source, loaded together in one statement, or null. */
    Uni<E> findWithSource(int id) {
        return Panache.getSession().flatMap(session -> {
            EntityGraph<E> withSource = session.createEntityGraph(entity);
            withSource.addAttributeNodes("source");
            return session.find(withSource, id);
        });
    }

    /**
     * The managed connection of this owner to this source, with the source, or null. The source
     * comes first (from the session when it holds it already), so that the connection is loaded
     * onto it rather than onto a reference still to be fetched.
     */
    Uni<E> findByOwnerAndSource(O ownerId, UUID sourceId) {
        return Panache.getSession().flatMap(session -> session.find(PlexSource.class, sourceId)
                .flatMap(source -> source == null ? Uni.createFrom().<E>nullItem()
                        : session.createNativeQuery(byOwnerAndSource, entity)
                                .setParameter(1, ownerId).setParameter(2, sourceId).getSingleResultOrNull()));
    }

    /** The id the next connection is inserted under, from the identity column's own sequence. */
    Uni<Integer> nextId() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(nextId, Integer.class).getSingleResult());
    }

    Uni<Void> insert(E connection) {
        return Panache.getSession().flatMap(session -> session.persist(connection).call(session::flush));
    }

    Uni<Void> flush() {
        return Panache.getSession().flatMap(session -> session.flush());
    }

    Uni<Void> delete(E connection) {
        return Panache.getSession().flatMap(session -> session.remove(connection));
    }

    private ConnectionRow<O> toRow(Row row) {
        return ConnectionRow.from(row, owner);
    }
}
