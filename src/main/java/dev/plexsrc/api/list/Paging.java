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
     * @param from the query's from-clause with its alias, e.g. {@code from PlexSource s}
     */
    public static <E> Uni<Page<E>> fetch(PanacheRepositoryBase<E, ?> repository, String from, Criteria criteria,
            Sort sort, PageRequest request) {
        String query = from + " where " + criteria.where();
        return repository.count(query, criteria.parameters()).flatMap(count -> {
            Pagination pagination = request.paginate(count);
            if (count == 0) {
                return Uni.createFrom().item(new Page<E>(pagination, List.of()));
            }
            return repository.find(query, sort, criteria.parameters())
                    .page((int) pagination.current() - 1, request.size())
                    .list()
                    .map(rows -> new Page<>(pagination, rows));
        });
    }
}
