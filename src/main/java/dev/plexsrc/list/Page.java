package dev.plexsrc.list;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.plexsrc.contract.NotIn2024;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of results with its pagination numbers: the body of every list. */
// Jackson reads its annotated accessors (and the contract annotations) reflectively, in a native image too.
@RegisterForReflection
public record Page<T>(Pagination pagination, List<T> results) {

    /** authentik 2026.8's clients require the key; plexsrc offers no autocompletion. */
    @NotIn2024
    @JsonProperty("autocomplete")
    Map<String, Object> autocomplete() {
        return Map.of();
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(pagination, results.stream().map(mapper).toList());
    }
}
