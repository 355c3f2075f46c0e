package dev.plexsrc.api.list;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.plexsrc.api.SqlStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Runs a list query as one statement: the page of rows and, alongside each, the count of all
 * matching rows (a window count). Only {@code page=last} needs the count first.
 */
public final class Paging {

    private static final String TOTAL = "total_count";

    private Paging() {
    }

    /**
     * @param columns the select list, e.g. {@code s.id, s.name}
     * @param from the from-clause with its aliases and joins, e.g. {@code plex_source s}
     * @param orderBy the body of the ORDER BY clause, from {@link Ordering}
     * @param mapper turns one row into a result
     */
    public static <E> Uni<Page<E>> fetch(SqlStatements statements, String columns, String from, Criteria criteria,
            String orderBy, PageRequest request, Function<Row, E> mapper) {
        String where = " FROM " + from + " WHERE " + criteria.where();
        if (request.page() == null) {
            return statements.run("SELECT count(*)" + where, criteria.parameters())
                    .map(rows -> rows.iterator().next().getLong(0))
                    .flatMap(count -> {
                        Pagination pagination = request.paginate(count);
                        return count == 0 ? Uni.createFrom().item(new Page<E>(pagination, List.of()))
                                : page(statements, columns, where, criteria, orderBy, pagination.current(), request, mapper);
                    });
        }
        return page(statements, columns, where, criteria, orderBy, request.page(), request, mapper);
    }

    private static <E> Uni<Page<E>> page(SqlStatements statements, String columns, String where, Criteria criteria,
            String orderBy, long number, PageRequest request, Function<Row, E> mapper) {
        // Limit and offset are numbers this class computed, never client text.
        String sql = "SELECT " + columns + ", count(*) OVER () AS " + TOTAL + where + " ORDER BY " + orderBy
                + " LIMIT " + request.size() + " OFFSET " + (number - 1) * request.size();
        return statements.run(sql, criteria.parameters()).map(rows -> toPage(rows, number, request, mapper));
    }

    private static <E> Page<E> toPage(RowSet<Row> rows, long number, PageRequest request, Function<Row, E> mapper) {
        List<E> results = new ArrayList<>(rows.size());
        long count = 0;
        for (Row row : rows) {
            count = row.getLong(TOTAL);
            results.add(mapper.apply(row));
        }
        // An empty page past the first is past the end, whatever the count: paginate answers 404.
        Pagination pagination = new PageRequest((int) number, request.size())
                .paginate(results.isEmpty() && number > 1 ? 0 : count);
        return new Page<>(pagination, results);
    }
}
