package dev.plexsrc.source;

import dev.plexsrc.http.UsedBy;
import io.vertx.mutiny.sqlclient.Row;

/** Something that references Plex sources and shows up in a source's {@code used_by}. */
public interface PlexSourceUsage {

    /** The statement that selects the uses of the source whose slug is {@code $1}, in their order. */
    String usedBySql();

    /** One row of {@link #usedBySql()} as authentik lists it, for the source with this slug. */
    UsedBy usedBy(Row row, String slug);
}
