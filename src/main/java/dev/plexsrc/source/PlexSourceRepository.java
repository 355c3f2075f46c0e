package dev.plexsrc.source;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.plexsrc.api.list.Criteria;
import dev.plexsrc.api.list.Page;
import dev.plexsrc.api.list.PageRequest;
import dev.plexsrc.api.list.Paging;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PlexSourceRepository implements PanacheRepositoryBase<PlexSource, UUID> {

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

    @WithSession
    public Uni<Page<PlexSource>> page(Criteria criteria, Sort sort, PageRequest request) {
        return Paging.fetch(this, "from PlexSource s", criteria, sort, request);
    }
}
