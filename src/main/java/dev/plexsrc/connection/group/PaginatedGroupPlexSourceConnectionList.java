package dev.plexsrc.connection.group;

import java.util.List;

import dev.plexsrc.api.list.Pagination;

public record PaginatedGroupPlexSourceConnectionList(Pagination pagination, List<GroupConnectionResponse> results) {
}
