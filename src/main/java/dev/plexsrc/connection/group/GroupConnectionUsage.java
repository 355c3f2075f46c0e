package dev.plexsrc.connection.group;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;

import dev.plexsrc.http.UsedBy;
import dev.plexsrc.source.PlexSource;
import dev.plexsrc.source.PlexSourceUsage;
import io.smallrye.mutiny.Uni;

/** A source's group connections, which deleting the source deletes with it. */
// used_by lists user connections before group connections.
@Priority(1)
@Singleton
public class GroupConnectionUsage implements PlexSourceUsage {

    private final GroupConnectionRepository repository;

    public GroupConnectionUsage(GroupConnectionRepository repository) {
        this.repository = repository;
    }

    @Override
    public Uni<List<UsedBy>> usedBy(PlexSource source) {
        return repository.listBySource(source).map(connections -> connections.stream()
                .map(c -> new UsedBy("authentik_sources_plex", "groupplexsourceconnection", Integer.toString(c.id),
                        "Group-source connection (group=" + c.groupId + ", source=" + source.slug + ")",
                        UsedBy.UsedByAction.cascade.name()))
                .toList());
    }
}
