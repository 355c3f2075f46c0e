package dev.plexsrc.source;

import java.util.List;

import dev.plexsrc.http.UsedBy;
import io.smallrye.mutiny.Uni;

/** Something that references Plex sources and shows up in a source's {@code used_by}. */
public interface PlexSourceUsage {

    Uni<List<UsedBy>> usedBy(PlexSource source);
}
