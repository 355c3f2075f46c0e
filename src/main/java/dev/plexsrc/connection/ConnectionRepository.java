package dev.plexsrc.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.plexsrc.database.SqlStatements;
import dev.plexsrc.list.Criteria;
import dev.plexsrc.list.Page;
import dev.plexsrc.list.PageRequest;
import dev.plexsrc.list.Paging;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One kind's table, reached in the two ways a request may:
 * 1. reads: one statement ({@link SqlStatements}) into {@link ConnectionRow}s, each joined to its source;
 * 2. writes: the entity, through the session of the caller's transaction, every statement on it.
 */
final class ConnectionRepository<E extends PlexSourceConnection<O>, O> {

    private final SqlStatements statements;
    private final ConnectionOwner<O> owner;
    private final Class<E> entity;
    private final String columns;
    private final String from;
    private final String bySource;
    private final String withSource;
    private final String byOwnerAndSource;
    private final String nextId;

    ConnectionRepository(SqlStatements statements, ConnectionKind<E, O> kind) {
        this.statements = statements;
        this.owner = kind.owner();
        this.entity = kind.entity();
        this.columns = ConnectionRow.columns(owner);
        this.from = kind.table() + " c JOIN plex_source s ON s.id = c.source_id";
        this.bySource = "SELECT " + columns + " FROM " + from + " WHERE c.source_id = $1 ORDER BY c.id";
        String name = entity.getSimpleName();
        this.withSource = "select c from " + name + " c join fetch c.source where c.id = ?1";
        this.byOwnerAndSource = "select c from " + name + " c join fetch c.source where c.owner = ?1 and c.source.id = ?2";
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

    Uni<List<ConnectionRow<O>>> listBySource(UUID sourceId) {
        return statements.run(bySource, Tuple.of(sourceId)).map(rows -> {
            List<ConnectionRow<O>> connections = new ArrayList<>(rows.size());
            rows.forEach(row -> connections.add(toRow(row)));
            return connections;
        });
    }

    /** The managed connection with its source, or null. */
    Uni<E> findWithSource(int id) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(withSource, entity)
                .setParameter(1, id).getSingleResultOrNull());
    }

    /** The managed connection of this owner to this source, with the source, or null. */
    Uni<E> findByOwnerAndSource(O ownerId, UUID sourceId) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(byOwnerAndSource, entity)
                .setParameter(1, ownerId).setParameter(2, sourceId).getSingleResultOrNull());
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
