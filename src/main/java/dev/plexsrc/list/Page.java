package dev.plexsrc.list;

import java.util.List;
import java.util.function.Function;

/** One page of results with its pagination numbers. */
public record Page<T>(Pagination pagination, List<T> results) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(pagination, results.stream().map(mapper).toList());
    }
}
