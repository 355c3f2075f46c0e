package dev.plexsrc.connection.group;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.plexsrc.api.list.Pagination;

@Schema(name = "PaginatedGroupPlexSourceConnectionList", requiredProperties = {"pagination", "results"})
public record PaginatedGroupPlexSourceConnectionList(Pagination pagination, List<GroupConnectionResponse> results) {
}
