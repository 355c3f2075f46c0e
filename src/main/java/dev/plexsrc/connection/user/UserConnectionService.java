package dev.plexsrc.connection.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import dev.plexsrc.connection.ConnectionCreation;
import dev.plexsrc.connection.DuplicateConnection;
import dev.plexsrc.connection.SourceReference;
import dev.plexsrc.error.ApiException;
import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.http.UsedBy;
import dev.plexsrc.input.Validated;
import dev.plexsrc.list.Criteria;
import dev.plexsrc.list.ListParams;
import dev.plexsrc.list.Ordering;
import dev.plexsrc.list.Page;
import dev.plexsrc.list.SearchTerms;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@Singleton
public class UserConnectionService {

    static final String DUPLICATE = "The fields user, source must make a unique set.";
    private static final String UNIQUE_CONSTRAINT = "user_plex_source_connection_user_source_key";
    private static final String SOURCE_FOREIGN_KEY = "user_plex_source_connection_source_id_fkey";

    private static final Ordering ORDERING = new Ordering(Map.of(
            "pk", "c.id",
            "user", "c.user_id",
            "source", "s.slug",
            "identifier", "c.identifier",
            "created", "c.created",
            "last_updated", "c.last_updated"),
            List.of("s.slug"), "c.id");
    private static final List<String> SEARCH_FIELDS = List.of("s.slug", "c.identifier", "c.user_id::text");

    private final UserConnectionRepository repository;
    private final UserConnectionMapper mapper;
    private final SourceReference sources;

    public UserConnectionService(UserConnectionRepository repository, UserConnectionMapper mapper,
            SourceReference sources) {
        this.repository = repository;
        this.mapper = mapper;
        this.sources = sources;
    }

    public Uni<Page<UserPlexSourceConnection>> list(ListParams params, UserConnectionFilters filters, OwnerScope scope) {
        Criteria criteria = scope.restrict(filters.criteria()).search(SearchTerms.split(params.search()), SEARCH_FIELDS);
        return repository.page(criteria, ORDERING.parse(params.ordering()), params.pageRequest());
    }

    /** The connection if the scope may see it; 404 otherwise, so nobody learns what exists. */
    public Uni<UserPlexSourceConnection> get(int id, OwnerScope scope) {
        return repository.readVisible(id, scope).onItem().ifNull().failWith(ApiException::notFound);
    }

    @WithTransaction
    public Uni<UserPlexSourceConnection> create(Validated<UserConnectionRequest> input) {
        UserConnectionRequest request = input.value();
        return ConnectionCreation.create(sources.resolve(request.source(), input.errors()), input.errors(),
                source -> repository.exists(request.user(), source),
                source -> repository.nextId().flatMap(id -> repository.persistAndFlush(mapper.create(request, source, id))),
                UNIQUE_CONSTRAINT, DUPLICATE, SOURCE_FOREIGN_KEY);
    }

    /**
     * The user's connection to the source, with this Plex identifier and token: refreshed if it
     * exists, else created through {@link #create}. Of two links of one user racing to create it,
     * one fails as a {@link DuplicateConnection}, which the caller runs again: it is an update now.
     */
    @WithTransaction
    public Uni<UserPlexSourceConnection> link(int userId, UUID sourceId, String identifier, String plexToken) {
        UserConnectionRequest request = new UserConnectionRequest(identifier, plexToken, sourceId.toString(), userId);
        return repository.findByUserAndSource(userId, sourceId).flatMap(existing -> existing == null
                ? create(new Validated<>(request, new FieldErrors()))
                : Uni.createFrom().item(existing).invoke(connection -> mapper.apply(request, connection))
                        .call(connection -> repository.flush()));
    }

    @WithTransaction
    public Uni<UserPlexSourceConnection> update(int id, Validated<UserConnectionRequest> input, OwnerScope scope,
            boolean mayChangeOthers) {
        return modifiable(id, scope, mayChangeOthers)
                .invoke(connection -> {
                    input.errors().throwIfAny();
                    mapper.apply(input.value(), connection);
                })
                .call(connection -> repository.flush());
    }

    @WithTransaction
    public Uni<Void> delete(int id, OwnerScope scope, boolean mayDeleteOthers) {
        return modifiable(id, scope, mayDeleteOthers).flatMap(repository::delete);
    }

    /** Connections are used by nothing; the lookup still answers 404 for what the caller cannot see. */
    public Uni<List<UsedBy>> usedBy(int id, OwnerScope scope) {
        return get(id, scope).map(connection -> List.of());
    }

    /** The managed connection, 404 if the scope may not see it, 403 if the caller may see but not change it. */
    private Uni<UserPlexSourceConnection> modifiable(int id, OwnerScope scope, boolean mayModifyOthers) {
        return repository.findWithSource(id).invoke(connection -> {
            if (connection == null || !scope.sees(connection)) {
                throw ApiException.notFound();
            }
            if (!mayModifyOthers && !scope.owns(connection)) {
                throw ApiException.forbidden();
            }
        });
    }
}
