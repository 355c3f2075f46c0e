package dev.plexsrc.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;

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
import io.quarkus.arc.All;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

@Singleton
public class PlexSourceService {

    static final String DUPLICATE_SLUG = "source with this slug already exists.";
    private static final String SLUG_CONSTRAINT = "plex_source_slug_key";

    private static final Ordering ORDERING = new Ordering(Map.ofEntries(
            Map.entry("pk", "s.id"),
            Map.entry("name", "s.name"),
            Map.entry("slug", "s.slug"),
            Map.entry("enabled", "s.enabled"),
            Map.entry("policy_engine_mode", "s.policy_engine_mode"),
            Map.entry("user_matching_mode", "s.user_matching_mode"),
            Map.entry("group_matching_mode", "s.group_matching_mode"),
            Map.entry("user_path_template", "s.user_path_template"),
            Map.entry("client_id", "s.client_id"),
            Map.entry("allow_friends", "s.allow_friends"),
            Map.entry("managed", "s.managed")),
            List.of("s.name"), "s.id");
    private static final List<String> SEARCH_FIELDS = List.of("s.name", "s.slug");

    private static final String EXISTS = "SELECT 1 FROM plex_source WHERE slug = $1";

    private final PlexSourceRepository repository;
    private final PlexSourceMapper mapper;
    private final SqlStatements statements;
    private final List<String> usedByStatements;
    private final List<PlexSourceUsage> usages;

    public PlexSourceService(PlexSourceRepository repository, PlexSourceMapper mapper, SqlStatements statements,
            @All List<PlexSourceUsage> usages) {
        this.repository = repository;
        this.mapper = mapper;
        this.statements = statements;
        this.usages = usages;
        this.usedByStatements = Stream.concat(Stream.of(EXISTS), usages.stream().map(PlexSourceUsage::usedBySql)).toList();
    }

    public Uni<Page<PlexSourceRow>> list(ListParams params, PlexSourceFilters filters) {
        Criteria criteria = filters.criteria().search(SearchTerms.split(params.search()), SEARCH_FIELDS);
        return repository.page(criteria, ORDERING.parse(params.ordering()), params.pageRequest());
    }

    /** The source to answer with; 404 when there is none. */
    public Uni<PlexSourceRow> get(String slug) {
        return repository.read(slug).onItem().ifNull().failWith(ApiException::notFound);
    }

    /**
     * One transaction on one connection: the slug check (its error reported with the body's own),
     * the insert, and the read of the defaults the schema gave. Two creates of one slug racing past
     * the check meet the unique constraint, reported the same way.
     */
    @WithTransaction
    public Uni<PlexSourceRow> create(Validated<PlexSourceRequest> input) {
        String slug = input.value().slug();
        Uni<Boolean> taken = slug == null ? Uni.createFrom().item(false) : repository.slugTaken(slug);
        return taken.map(isTaken -> checked(input, isTaken))
                .flatMap(request -> repository.insert(mapper.create(request)))
                .map(PlexSourceRow.MODEL::of)
                .onFailure(ConstraintViolation.unique(SLUG_CONSTRAINT)).transform(e -> FieldErrors.single("slug", DUPLICATE_SLUG));
    }

    /**
     * PUT and PATCH: one UPDATE of the columns present in the request. A readable, valid body that
     * keeps the slug and the token needs nothing else; otherwise the current row comes first, so
     * that a missing source answers 404 before anything the body holds (as DRF does), a duplicate
     * slug is reported with the body's errors, and a new token is encrypted for the source's id.
     * The UPDATE then names that id too, so the token never lands on another source that took the
     * slug meanwhile.
     *
     * @param body reads the request body; what it throws for an unreadable one is answered only
     *        once the source is known to exist
     */
    public Uni<PlexSourceRow> update(String slug, Supplier<Validated<PlexSourceRequest>> body) {
        Validated<PlexSourceRequest> input;
        try {
            input = body.get();
        } catch (ApiException | WebApplicationException unreadable) {
            return get(slug).onItem().failWith(found -> unreadable);
        }
        PlexSourceRequest request = input.value();
        Uni<PlexSourceRow> updated = request.slug() == null && request.plexToken() == null && input.errors().isEmpty()
                ? repository.update(slug, null, mapper.changes(request, null))
                : repository.readForUpdate(slug, request.slug()).onItem().ifNull().failWith(ApiException::notFound)
                        .flatMap(current -> repository.update(slug, current.source().base().id(),
                                mapper.changes(checked(input, current.slugTaken()), current.source().base().id())));
        return updated.onItem().ifNull().failWith(ApiException::notFound)
                .onFailure(ConstraintViolation.unique(SLUG_CONSTRAINT)).transform(e -> FieldErrors.single("slug", DUPLICATE_SLUG));
    }

    /** One statement, which the foreign keys cascade to the source's connections. */
    public Uni<Void> delete(String slug) {
        return repository.delete(slug).onItem().ifNull().failWith(ApiException::notFound).replaceWithVoid();
    }

    /** The source's check and each usage's statement, sent together on one connection. */
    public Uni<List<UsedBy>> usedBy(String slug) {
        return statements.runTogether(usedByStatements, Tuple.of(slug)).map(results -> {
            if (results.get(0).size() == 0) {
                throw ApiException.notFound();
            }
            List<UsedBy> uses = new ArrayList<>();
            for (int i = 0; i < usages.size(); i++) {
                PlexSourceUsage usage = usages.get(i);
                results.get(i + 1).forEach(row -> uses.add(usage.usedBy(row, slug)));
            }
            return uses;
        });
    }

    /** Adds the duplicate-slug error to the request's own errors, then reports them together. */
    private static PlexSourceRequest checked(Validated<PlexSourceRequest> input, boolean slugTaken) {
        if (slugTaken) {
            input.errors().add("slug", DUPLICATE_SLUG);
        }
        input.errors().throwIfAny();
        return input.value();
    }
}
