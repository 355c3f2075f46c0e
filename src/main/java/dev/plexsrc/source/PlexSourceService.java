package dev.plexsrc.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import dev.plexsrc.database.ConstraintViolation;
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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

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

    private final PlexSourceRepository repository;
    private final PlexSourceMapper mapper;
    private final List<PlexSourceUsage> usages;

    public PlexSourceService(PlexSourceRepository repository, PlexSourceMapper mapper,
            @All List<PlexSourceUsage> usages) {
        this.repository = repository;
        this.mapper = mapper;
        this.usages = usages;
    }

    public Uni<Page<PlexSource>> list(ListParams params, PlexSourceFilters filters) {
        Criteria criteria = filters.criteria().search(SearchTerms.split(params.search()), SEARCH_FIELDS);
        return repository.page(criteria, ORDERING.parse(params.ordering()), params.pageRequest());
    }

    /** The source to answer with; 404 when there is none. */
    public Uni<PlexSource> get(String slug) {
        return repository.readBySlug(slug).onItem().ifNull().failWith(ApiException::notFound);
    }

    /** The managed source, for a change inside the caller's transaction. */
    private Uni<PlexSource> find(String slug) {
        return repository.findBySlug(slug).onItem().ifNull().failWith(ApiException::notFound);
    }

    /**
     * The slug check runs before the transaction: it takes a pool connection of its own, which a
     * request must never wait for while its transaction holds another.
     */
    public Uni<PlexSource> create(Validated<PlexSourceRequest> input) {
        return checkSlugFree(input, null)
                .flatMap(request -> Panache.withTransaction(() -> repository.persistAndFlush(mapper.create(request))))
                .onFailure(ConstraintViolation.unique(SLUG_CONSTRAINT)).transform(e -> FieldErrors.single("slug", DUPLICATE_SLUG));
    }

    /**
     * PUT and PATCH: one UPDATE of the columns present in the request. A valid body that keeps the
     * slug and the token needs nothing else; otherwise the current row comes first, so that a
     * missing source answers 404 before the body's errors (as DRF does), a duplicate slug is
     * reported with them, and a new token is encrypted for the source's id. The UPDATE then names
     * that id too, so the token never lands on another source that took the slug meanwhile.
     */
    public Uni<PlexSource> update(String slug, Validated<PlexSourceRequest> input) {
        PlexSourceRequest request = input.value();
        Uni<PlexSource> updated = request.slug() == null && request.plexToken() == null && input.errors().isEmpty()
                ? repository.updateColumns(slug, null, mapper.changes(request, null))
                : repository.readBySlug(slug).onItem().ifNull().failWith(ApiException::notFound)
                        .flatMap(current -> checkSlugFree(input, current.id)
                                .flatMap(checked -> repository.updateColumns(slug, current.id,
                                        mapper.changes(checked, current.id))));
        return updated.onItem().ifNull().failWith(ApiException::notFound)
                .onFailure(ConstraintViolation.unique(SLUG_CONSTRAINT)).transform(e -> FieldErrors.single("slug", DUPLICATE_SLUG));
    }

    @WithTransaction
    public Uni<Void> delete(String slug) {
        return find(slug).flatMap(repository::delete);
    }

    @WithSession
    public Uni<List<UsedBy>> usedBy(String slug) {
        return find(slug).flatMap(source -> Multi.createFrom().iterable(usages)
                // One after another: a reactive session runs one query at a time.
                .onItem().transformToUniAndConcatenate(usage -> usage.usedBy(source))
                .collect().in(ArrayList<UsedBy>::new, List::addAll));
    }

    /** Adds the duplicate-slug error to the request's own errors, then reports them together. */
    private Uni<PlexSourceRequest> checkSlugFree(Validated<PlexSourceRequest> input, UUID currentId) {
        String slug = input.value().slug();
        Uni<Boolean> taken = slug == null ? Uni.createFrom().item(false) : repository.slugTaken(slug, currentId);
        return taken.map(isTaken -> {
            if (isTaken) {
                input.errors().add("slug", DUPLICATE_SLUG);
            }
            input.errors().throwIfAny();
            return input.value();
        });
    }
}
