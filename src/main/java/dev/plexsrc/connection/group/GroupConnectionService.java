package dev.plexsrc.connection.group;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.plexsrc.connection.ConnectionCreation;
import dev.plexsrc.connection.SourceReference;
import dev.plexsrc.error.ApiException;
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
public class GroupConnectionService {

    static final String DUPLICATE = "The fields group, source must make a unique set.";
    private static final String UNIQUE_CONSTRAINT = "group_plex_source_connection_group_source_key";
    private static final String SOURCE_FOREIGN_KEY = "group_plex_source_connection_source_id_fkey";

    private static final Ordering ORDERING = new Ordering(Map.of(
            "pk", "c.id",
            "group", "c.group_id",
            "source", "s.slug",
            "identifier", "c.identifier",
            "created", "c.created",
            "last_updated", "c.last_updated"),
            List.of("s.slug"), "c.id");
    private static final List<String> SEARCH_FIELDS = List.of("s.slug", "c.identifier", "c.group_id::text");

    private final GroupConnectionRepository repository;
    private final GroupConnectionMapper mapper;
    private final SourceReference sources;

    public GroupConnectionService(GroupConnectionRepository repository, GroupConnectionMapper mapper,
            SourceReference sources) {
        this.repository = repository;
        this.mapper = mapper;
        this.sources = sources;
    }

    public Uni<Page<GroupPlexSourceConnection>> list(ListParams params, GroupConnectionFilters filters) {
        Criteria criteria = filters.criteria().search(SearchTerms.split(params.search()), SEARCH_FIELDS);
        return repository.page(criteria, ORDERING.parse(params.ordering()), params.pageRequest());
    }

    public Uni<GroupPlexSourceConnection> get(int id) {
        return repository.read(id).onItem().ifNull().failWith(ApiException::notFound);
    }

    /** The managed connection, for a change inside the caller's transaction. */
    private Uni<GroupPlexSourceConnection> find(int id) {
        return repository.findWithSource(id).onItem().ifNull().failWith(ApiException::notFound);
    }

    @WithTransaction
    public Uni<GroupPlexSourceConnection> create(Validated<GroupConnectionRequest> input) {
        GroupConnectionRequest request = input.value();
        return ConnectionCreation.create(sources.resolve(request.source(), input.errors()), input.errors(),
                source -> repository.exists(request.group(), source),
                source -> repository.persistAndFlush(mapper.create(request, source)),
                UNIQUE_CONSTRAINT, DUPLICATE, SOURCE_FOREIGN_KEY);
    }

    @WithTransaction
    public Uni<GroupPlexSourceConnection> update(int id, Validated<GroupConnectionRequest> input) {
        return find(id)
                .invoke(connection -> {
                    input.errors().throwIfAny();
                    mapper.apply(input.value(), connection);
                })
                .call(connection -> repository.flush());
    }

    @WithTransaction
    public Uni<Void> delete(int id) {
        return find(id).flatMap(repository::delete);
    }

    /** Connections are used by nothing. */
    public Uni<List<UsedBy>> usedBy(int id) {
        return get(id).map(connection -> List.of());
    }
}
