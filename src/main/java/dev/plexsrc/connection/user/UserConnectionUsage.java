package dev.plexsrc.connection.user;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;

import dev.plexsrc.http.UsedBy;
import dev.plexsrc.source.PlexSource;
import dev.plexsrc.source.PlexSourceUsage;
import io.smallrye.mutiny.Uni;

/** A source's user connections, which deleting the source deletes with it. */
// used_by lists user connections before group connections.
@Priority(2)
@Singleton
public class UserConnectionUsage implements PlexSourceUsage {

    private final UserConnectionRepository repository;

    public UserConnectionUsage(UserConnectionRepository repository) {
        this.repository = repository;
    }

    @Override
    public Uni<List<UsedBy>> usedBy(PlexSource source) {
        return repository.listBySource(source).map(connections -> connections.stream()
                .map(c -> new UsedBy("authentik_sources_plex", "userplexsourceconnection", Integer.toString(c.id),
                        "User-source connection (user=" + c.userId + ", source=" + source.slug + ")",
                        UsedBy.UsedByAction.cascade.name()))
                .toList());
    }
}
