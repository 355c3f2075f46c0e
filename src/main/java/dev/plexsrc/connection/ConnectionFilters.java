package dev.plexsrc.connection;

import jakarta.ws.rs.QueryParam;

import dev.plexsrc.list.Criteria;
import dev.plexsrc.list.QueryFilters;

/** The source filters of a connection list; {@code source} (pk) is an addition to authentik's. */
public class ConnectionFilters {

    @QueryParam("source__slug")
    String sourceSlug;

    @QueryParam("source")
    String source;

    /** The owner's filter first, as authentik reports a bad one. Aliases: {@code c} (connection), {@code s} (source). */
    Criteria criteria(ConnectionOwner<?> owner, String ownerValue) {
        return owner.filter().add(new QueryFilters(), owner.name(), ownerValue, owner.column())
                .text("source__slug", sourceSlug, "s.slug")
                .uuid("source", source, "s.id")
                .criteria();
    }
}
