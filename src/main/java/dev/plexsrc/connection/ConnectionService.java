package dev.plexsrc.connection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.plexsrc.change.ChangedModel;
import dev.plexsrc.database.ConstraintViolation;
import dev.plexsrc.database.SqlStatements;
import dev.plexsrc.error.ApiException;
import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.http.UsedBy;
import dev.plexsrc.input.Validated;
import dev.plexsrc.list.Criteria;
import dev.plexsrc.list.ListParams;
import dev.plexsrc.list.Ordering;
import dev.plexsrc.list.Page;
import dev.plexsrc.list.SearchTerms;
import dev.plexsrc.security.Viewer;
import dev.plexsrc.source.PlexSource;
import dev.plexsrc.source.PlexSourceUsage;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What every kind of connection does alike; a kind's service extends it with only what is its own.
 * 1. The API: list, retrieve, create, update, delete and used_by, within the caller's {@link ConnectionScope}.
 * 2. The change stream ({@link ChangedModel}): the kind's objects as the viewer's retrieve shows them.
 * 3. A source's used_by ({@link PlexSourceUsage}): its connections of this kind, which its delete cascades to.
 * Reads are one statement into {@link ConnectionRow}s; each write is one transaction on the session.
 *
 * @param <R> the kind's validated request
 * @param <S> the kind's response
 */
public abstract class ConnectionService<E extends PlexSourceConnection<O>, O, R extends ConnectionRequest<O>, S>
        implements ChangedModel, PlexSourceUsage {

    private final ConnectionKind<E, O> kind;
    private final Function<ConnectionRow<O>, S> response;
    private final ConnectionRepository<E, O> repository;
    private final SourceReference references;
    private final Ordering ordering;
    private final List<String> searchColumns;

    /** @param response the kind's response from a connection */
    protected ConnectionService(ConnectionKind<E, O> kind, Function<ConnectionRow<O>, S> response,
            SqlStatements statements, SourceReference references) {
        this.kind = kind;
        this.response = response;
        this.repository = new ConnectionRepository<>(statements, kind);
        this.references = references;
        this.ordering = new Ordering(Map.of(
                "pk", "c.id",
                kind.owner().name(), kind.owner().column(),
                "source", "s.slug",
                "identifier", "c.identifier",
                "created", "c.created",
                "last_updated", "c.last_updated"),
                List.of("s.slug"), "c.id");
        this.searchColumns = List.of("s.slug", "c.identifier", kind.owner().column() + "::text");
    }

    /** Copies the request's fields of this kind's own, present ones only; the id is set already. */
    protected void applyOwnFields(R request, E connection) {
    }

    /** What {@code viewer} sees in the change stream; all, for who passed {@link #visible}. */
    protected ConnectionScope<O> scope(Viewer viewer) {
        return ConnectionScope.all();
    }

    /** @param owner the owner filter's raw value */
    public Uni<Page<S>> list(ListParams params, String owner, ConnectionFilters filters, ConnectionScope<O> scope) {
        Criteria criteria = scope.restrict(filters.criteria(kind.owner(), owner), kind.owner().column())
                .search(SearchTerms.split(params.search()), searchColumns);
        return repository.page(criteria, ordering.parse(params.ordering()), params.pageRequest())
                .map(page -> page.map(response));
    }

    /** The connection if the scope sees it; 404 otherwise, so nobody learns what exists. */
    public Uni<S> get(int id, ConnectionScope<O> scope) {
        return repository.read(id, scope).onItem().ifNull().failWith(ApiException::notFound).map(response);
    }

    /**
     * Once the source is resolved and the request's own errors are reported, a duplicate is refused
     * before the insert and, when two creates race, by the unique constraint at the insert: both as
     * the same {@link DuplicateConnection} (a 400, or for a link the cue to update instead). A source
     * deleted between its lookup and the insert is refused by the foreign key, as one that does not exist.
     */
    @WithTransaction
    public Uni<S> create(Validated<R> input) {
        R request = input.value();
        FieldErrors errors = input.errors();
        return references.resolve(request.source(), errors)
                .call(source -> {
                    errors.throwIfAny();
                    return repository.findByOwnerAndSource(request.owner(), source.id).invoke(existing -> {
                        if (existing != null) {
                            throw new DuplicateConnection(kind.duplicate());
                        }
                    });
                })
                .flatMap(source -> repository.nextId().map(id -> build(request, source, id)).call(repository::insert)
                        .onFailure(ConstraintViolation.foreignKey(kind.sourceForeignKey()))
                        .transform(e -> FieldErrors.single(SourceReference.FIELD, SourceReference.missing(source.id))))
                .onFailure(ConstraintViolation.unique(kind.uniqueConstraint()))
                .transform(e -> new DuplicateConnection(kind.duplicate()))
                .map(connection -> response.apply(ConnectionRow.of(connection)));
    }

    /** 404 before the body's errors, as DRF looks the object up first; 403 when in sight but not the caller's to change. */
    @WithTransaction
    public Uni<S> update(int id, Validated<R> input, ConnectionScope<O> scope) {
        return modifiable(id, scope)
                .invoke(connection -> input.errors().throwIfAny())
                .flatMap(connection -> refresh(connection, input.value()));
    }

    @WithTransaction
    public Uni<Void> delete(int id, ConnectionScope<O> scope) {
        return modifiable(id, scope).flatMap(repository::delete);
    }

    /** Connections are used by nothing; the lookup still answers 404 for what the scope does not see. */
    public Uni<List<UsedBy>> usedBy(int id, ConnectionScope<O> scope) {
        return repository.read(id, scope).onItem().ifNull().failWith(ApiException::notFound).map(connection -> List.of());
    }

    /** The managed connection of this owner to this source, or null; inside the caller's transaction. */
    protected Uni<E> findByOwnerAndSource(O owner, UUID sourceId) {
        return repository.findByOwnerAndSource(owner, sourceId);
    }

    /** Applies the request's present fields to the managed connection and writes them. */
    protected Uni<S> refresh(E connection, R request) {
        apply(request, connection);
        return repository.flush().map(nothing -> response.apply(ConnectionRow.of(connection)));
    }

    @Override
    public String model() {
        return kind.model();
    }

    @Override
    public boolean visible(Viewer viewer, Integer ownerUserId) {
        return viewer.may(kind.viewPermission());
    }

    @Override
    public Uni<Object> retrieve(String pk, Viewer viewer) {
        return repository.read(Integer.parseInt(pk), scope(viewer))
                .map(connection -> connection == null ? null : response.apply(connection));
    }

    @Override
    public String usedBySql() {
        return repository.usedBy();
    }

    @Override
    public UsedBy usedBy(Row row, String slug) {
        return new UsedBy(ConnectionKind.APP, kind.model(), Integer.toString(row.getInteger("id")),
                kind.owner().describe(row.get(kind.owner().type(), "owner"), slug), UsedBy.UsedByAction.cascade.name());
    }

    private E build(R request, PlexSource source, int id) {
        E connection = kind.create().get();
        connection.id = id;
        connection.owner = request.owner();
        connection.source = source;
        apply(request, connection);
        connection.created = connection.lastUpdated;
        return connection;
    }

    /** Copies the present fields and stamps {@code lastUpdated}. */
    private void apply(R request, E connection) {
        if (request.identifier() != null) {
            connection.identifier = request.identifier();
        }
        applyOwnFields(request, connection);
        // PostgreSQL keeps microseconds; answering with what was stored keeps responses stable.
        connection.lastUpdated = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The managed connection; 404 if the scope does not see it, 403 if it may not change it. */
    private Uni<E> modifiable(int id, ConnectionScope<O> scope) {
        return repository.findWithSource(id).invoke(connection -> {
            if (connection == null || !scope.sees(connection.owner)) {
                throw ApiException.notFound();
            }
            if (!scope.changes(connection.owner)) {
                throw ApiException.forbidden();
            }
        });
    }
}
