package dev.plexsrc.connection.user;

import java.util.List;

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
public class UserConnectionRepository implements PanacheRepositoryBase<UserPlexSourceConnection, Integer> {

    private static final String SELECT = "select c from UserPlexSourceConnection c join fetch c.source s";
    private static final String FROM = "from UserPlexSourceConnection c join c.source s";

    @WithSession
    public Uni<UserPlexSourceConnection> findVisible(int id, OwnerScope scope) {
        Criteria criteria = scope.restrict(new Criteria().equal("c.id", id));
        return find(SELECT + " where " + criteria.where(), criteria.parameters()).firstResult();
    }

    @WithSession
    public Uni<Boolean> exists(int userId, PlexSource source) {
        return count("userId = ?1 and source = ?2", userId, source).map(count -> count > 0);
    }

    @WithSession
    public Uni<List<UserPlexSourceConnection>> listBySource(PlexSource source) {
        return list("source = ?1 order by id", source);
    }

    @WithSession
    public Uni<Page<UserPlexSourceConnection>> page(Criteria criteria, Sort sort, PageRequest request) {
        return Paging.fetch(this, SELECT, FROM, criteria, sort, request);
    }
}
