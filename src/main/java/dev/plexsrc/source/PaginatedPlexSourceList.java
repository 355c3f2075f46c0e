package dev.plexsrc.source;

import java.util.List;

import dev.plexsrc.list.Pagination;

public record PaginatedPlexSourceList(Pagination pagination, List<PlexSourceResponse> results) {
}
