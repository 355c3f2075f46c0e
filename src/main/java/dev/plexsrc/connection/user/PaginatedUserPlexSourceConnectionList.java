package dev.plexsrc.connection.user;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.plexsrc.api.list.Pagination;

@Schema(name = "PaginatedUserPlexSourceConnectionList", requiredProperties = {"pagination", "results"})
public record PaginatedUserPlexSourceConnectionList(Pagination pagination, List<UserConnectionResponse> results) {
}
