package dev.plexsrc.source;

import java.util.Map;

/**
 * A validated write to a Plex source: the columns present in the request, each with its value as
 * stored, in the order of the request's fields. An absent column leaves the stored value alone (or
 * takes the column's default on create); a nullable flow given as {@code null} is present with null.
 * {@code plex_token} is still plain text here; the mapper encrypts it for the source's id.
 */
public record PlexSourceRequest(Map<String, Object> columns) {

    static final String SLUG = "slug";
    static final String PLEX_TOKEN = "plex_token";

    /** The new slug, or null when the request keeps it. */
    public String slug() {
        return (String) columns.get(SLUG);
    }

    /** The new plain token, or null when the request keeps it. */
    public String plexToken() {
        return (String) columns.get(PLEX_TOKEN);
    }
}
