package dev.plexsrc.source;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.plexsrc.api.list.Pagination;

@Schema(name = "PaginatedPlexSourceList", requiredProperties = {"pagination", "results"})
public record PaginatedPlexSourceList(Pagination pagination, List<PlexSourceResponse> results) {
}
