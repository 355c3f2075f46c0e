package dev.plexsrc.source;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.plexsrc.api.ReadQueries;
import dev.plexsrc.api.list.Criteria;
import dev.plexsrc.api.list.Page;
import dev.plexsrc.api.list.PageRequest;
import dev.plexsrc.api.list.Paging;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** Managed entities for writes (Panache); plain rows for retrieve and list ({@link ReadQueries}). */
@ApplicationScoped
public class PlexSourceRepository implements PanacheRepositoryBase<PlexSource, UUID> {

    private static final String BY_SLUG = "SELECT " + PlexSourceRows.COLUMNS + " FROM plex_source s WHERE s.slug = $1";

    private final ReadQueries queries;

    public PlexSourceRepository(ReadQueries queries) {
        this.queries = queries;
    }

    /** The source for a response only: not managed, so changes to it are never written. */
    public Uni<PlexSource> readBySlug(String slug) {
        return queries.run(BY_SLUG, Tuple.of(slug))
                .map(rows -> rows.size() == 0 ? null : PlexSourceRows.from(rows.iterator().next()));
    }

    public Uni<Page<PlexSource>> page(Criteria criteria, String orderBy, PageRequest request) {
        return Paging.fetch(queries, PlexSourceRows.COLUMNS, "plex_source s", criteria, orderBy, request,
                PlexSourceRows::from);
    }

    @WithSession
    public Uni<PlexSource> findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    /** A source by its pk when {@code id} is given, else by slug. */
    @WithSession
    public Uni<PlexSource> findByIdOrSlug(UUID id, String slug) {
        return id != null ? findById(id) : findBySlug(slug);
    }

    @WithSession
    public Uni<Boolean> slugTaken(String slug, UUID exceptId) {
        return count("slug = ?1 and id <> ?2", slug, exceptId == null ? new UUID(0, 0) : exceptId)
                .map(count -> count > 0);
    }
}
