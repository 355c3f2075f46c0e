package dev.plexsrc.api.list;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** authentik's pagination block; 0 stands for "no such page" in {@code next}/{@code previous}. */
@Schema(name = "Pagination", requiredProperties = {"next", "previous", "count", "current", "total_pages",
        "start_index", "end_index"})
public record Pagination(
        long next,
        long previous,
        long count,
        long current,
        @JsonProperty("total_pages") long totalPages,
        @JsonProperty("start_index") long startIndex,
        @JsonProperty("end_index") long endIndex) {
}
