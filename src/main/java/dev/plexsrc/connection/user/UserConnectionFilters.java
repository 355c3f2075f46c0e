package dev.plexsrc.connection.user;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.plexsrc.api.list.Criteria;
import dev.plexsrc.api.list.QueryFilters;

/** Filters of the user connection list; {@code source} (pk) is an addition to authentik's. */
public class UserConnectionFilters {

    @QueryParam("user")
    @Parameter(schema = @Schema(implementation = Integer.class))
    String user;

    @QueryParam("source__slug")
    String sourceSlug;

    @QueryParam("source")
    @Parameter(schema = @Schema(format = "uuid"))
    String source;

    /** Columns are qualified by the aliases {@code c} (connection) and {@code s} (source). */
    Criteria criteria() {
        return new QueryFilters()
                .integer("user", user, "c.user_id")
                .text("source__slug", sourceSlug, "s.slug")
                .uuid("source", source, "s.id")
                .criteria();
    }
}
