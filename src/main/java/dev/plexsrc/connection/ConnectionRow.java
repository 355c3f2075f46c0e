package dev.plexsrc.connection;

import java.time.Instant;

import dev.plexsrc.source.SourceRow;
import io.vertx.mutiny.sqlclient.Row;

/** A connection as reads select it, with its source from the same statement (a join). */
public record ConnectionRow<O>(int id, O owner, String identifier, Instant created, Instant lastUpdated,
        SourceRow source) {

    /** The select list over a connection aliased {@code c} joined to its source {@code s}. */
    static String columns(ConnectionOwner<?> owner) {
        return "c.id, " + owner.column() + " AS owner, c.identifier, c.created, c.last_updated, "
                + SourceRow.MODEL.columns();
    }

    static <O> ConnectionRow<O> from(Row row, ConnectionOwner<O> owner) {
        return new ConnectionRow<>(row.getInteger("id"), row.get(owner.type(), "owner"), row.getString("identifier"),
                row.getOffsetDateTime("created").toInstant(), row.getOffsetDateTime("last_updated").toInstant(),
                SourceRow.MODEL.from(row));
    }

    /** A connection just written, answered from the entity and its source's (loaded with it). */
    static <O> ConnectionRow<O> of(PlexSourceConnection<O> connection) {
        return new ConnectionRow<>(connection.id, connection.owner, connection.identifier, connection.created,
                connection.lastUpdated, SourceRow.MODEL.of(connection.source));
    }
}
