package dev.plexsrc.connection.user;

import jakarta.ws.rs.QueryParam;

import dev.plexsrc.list.Criteria;
import dev.plexsrc.list.QueryFilters;

/** Filters of the user connection list; {@code source} (pk) is an addition to authentik's. */
public class UserConnectionFilters {

    @QueryParam("user")
    String user;

    @QueryParam("source__slug")
    String sourceSlug;

    @QueryParam("source")
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
