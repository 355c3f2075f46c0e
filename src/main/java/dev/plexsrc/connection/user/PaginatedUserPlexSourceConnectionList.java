package dev.plexsrc.connection.user;

import java.util.List;

import dev.plexsrc.list.Pagination;

public record PaginatedUserPlexSourceConnectionList(Pagination pagination, List<UserConnectionResponse> results) {
}
