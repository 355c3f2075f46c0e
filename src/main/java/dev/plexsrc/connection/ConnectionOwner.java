package dev.plexsrc.connection;

import java.util.Locale;
import java.util.UUID;

import dev.plexsrc.list.QueryFilters;

/**
 * Who a kind of connection belongs to: its name in the API ({@code user}, {@code group}), which
 * also names its column ({@code user_id}, as Django names a foreign key's), and its id's type.
 */
public record ConnectionOwner<O>(String name, Class<O> type, OwnerFilter filter) {

    /** Adds the list filter on the owner, parsed as this owner's type. */
    @FunctionalInterface
    public interface OwnerFilter {
        QueryFilters add(QueryFilters filters, String param, String value, String column);
    }

    public static ConnectionOwner<Integer> integer(String name) {
        return new ConnectionOwner<>(name, Integer.class, QueryFilters::integer);
    }

    public static ConnectionOwner<UUID> uuid(String name) {
        return new ConnectionOwner<>(name, UUID.class, QueryFilters::uuid);
    }

    /** The column, qualified by the connection's alias {@code c}. */
    String column() {
        return "c." + name + "_id";
    }

    /** authentik's name for a connection: {@code User-source connection (user=1, source=plex)}. */
    String describe(O owner, String sourceSlug) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1) + "-source connection ("
                + name + "=" + owner + ", source=" + sourceSlug + ")";
    }
}
