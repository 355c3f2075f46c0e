package dev.plexsrc.connection.group;

import java.util.List;

import dev.plexsrc.list.Pagination;

public record PaginatedGroupPlexSourceConnectionList(Pagination pagination, List<GroupConnectionResponse> results) {
}
