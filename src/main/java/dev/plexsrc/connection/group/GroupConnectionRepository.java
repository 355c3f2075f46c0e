package dev.plexsrc.connection.group;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.plexsrc.api.list.Criteria;
import dev.plexsrc.api.list.Page;
import dev.plexsrc.api.list.PageRequest;
import dev.plexsrc.api.list.Paging;
import dev.plexsrc.source.PlexSource;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Queries load each connection's source in the same statement (fetch join), never one by one. */
@ApplicationScoped
public class GroupConnectionRepository implements PanacheRepositoryBase<GroupPlexSourceConnection, Integer> {

    private static final String SELECT = "select c from GroupPlexSourceConnection c join fetch c.source s";
    private static final String FROM = "from GroupPlexSourceConnection c join c.source s";

    @WithSession
    public Uni<GroupPlexSourceConnection> findWithSource(int id) {
        return find(SELECT + " where c.id = ?1", id).firstResult();
    }

    @WithSession
    public Uni<Boolean> exists(UUID groupId, PlexSource source) {
        return count("groupId = ?1 and source = ?2", groupId, source).map(count -> count > 0);
    }

    @WithSession
    public Uni<List<GroupPlexSourceConnection>> listBySource(PlexSource source) {
        return list("source = ?1 order by id", source);
    }

    @WithSession
    public Uni<Page<GroupPlexSourceConnection>> page(Criteria criteria, Sort sort, PageRequest request) {
        return Paging.fetch(this, SELECT, FROM, criteria, sort, request);
    }
}
