package dev.plexsrc.list;

import com.fasterxml.jackson.annotation.JsonProperty;

/** authentik's pagination block; 0 stands for "no such page" in {@code next}/{@code previous}. */
public record Pagination(
        long next,
        long previous,
        long count,
        long current,
        @JsonProperty("total_pages") long totalPages,
        @JsonProperty("start_index") long startIndex,
        @JsonProperty("end_index") long endIndex) {
}
