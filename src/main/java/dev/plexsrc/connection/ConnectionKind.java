package dev.plexsrc.connection;

import java.util.function.Supplier;

/**
 * What sets one kind of connection apart in storage and in names.
 *
 * @param model the model name in used_by, the change stream and permission codenames
 * @param uniqueConstraint the unique constraint over (owner, source)
 */
public record ConnectionKind<E extends PlexSourceConnection<O>, O>(Class<E> entity, Supplier<E> create,
        ConnectionOwner<O> owner, String table, String model, String uniqueConstraint) {

    static final String APP = "authentik_sources_plex";

    /** The Django permission to view this model, e.g. {@code authentik_sources_plex.view_userplexsourceconnection}. */
    String viewPermission() {
        return APP + ".view_" + model;
    }

    /** DRF's message for a second connection of the same owner to the same source. */
    String duplicate() {
        return "The fields " + owner.name() + ", source must make a unique set.";
    }

    /** PostgreSQL's name for the table's foreign key to its source, which the schema leaves unnamed. */
    String sourceForeignKey() {
        return table + "_source_id_fkey";
    }
}
