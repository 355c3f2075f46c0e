package dev.plexsrc.api.list;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Runs a list query: one count, then (when anything matched) one page of rows. */
public final class Paging {

    private Paging() {
    }

    /**
     * @param from the query's from-clause with its aliases, e.g. {@code from PlexSource s}
     */
    public static <E> Uni<Page<E>> fetch(PanacheRepositoryBase<E, ?> repository, String from, Criteria criteria,
            Sort sort, PageRequest request) {
        return fetch(repository, from, from, criteria, sort, request);
    }

    /**
     * @param select the row query's head, which may fetch-join associations, e.g.
     *        {@code select c from Connection c join fetch c.source s}
     * @param from the same from-clause without fetching, for the count, e.g.
     *        {@code from Connection c join c.source s}
     */
    public static <E> Uni<Page<E>> fetch(PanacheRepositoryBase<E, ?> repository, String select, String from,
            Criteria criteria, Sort sort, PageRequest request) {
        String where = " where " + criteria.where();
        return repository.count(from + where, criteria.parameters()).flatMap(count -> {
            Pagination pagination = request.paginate(count);
            if (count == 0) {
                return Uni.createFrom().item(new Page<E>(pagination, List.of()));
            }
            return repository.find(select + where, sort, criteria.parameters())
                    .page((int) pagination.current() - 1, request.size())
                    .list()
                    .map(rows -> new Page<>(pagination, rows));
        });
    }
}
