package dev.plexsrc.source;

import java.util.UUID;

import jakarta.inject.Singleton;

import dev.plexsrc.change.ChangedModel;
import dev.plexsrc.security.Viewer;
import io.smallrye.mutiny.Uni;

/** Source changes in the change stream: seen with the view permission, the token only with change. */
@Singleton
public class PlexSourceChanges implements ChangedModel {

    private final PlexSourceRepository repository;
    private final PlexSourceMapper mapper;

    public PlexSourceChanges(PlexSourceRepository repository, PlexSourceMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    @Override
    public String model() {
        return "plexsource";
    }

    @Override
    public boolean visible(Viewer viewer, Integer ownerUserId) {
        return viewer.may(PlexSourceResource.VIEW);
    }

    /** Only who may change a source sees its token. */
    @Override
    public String view(Viewer viewer) {
        return viewer.may(PlexSourceResource.CHANGE) ? "with token" : "without token";
    }

    @Override
    public Uni<Object> retrieve(String pk, Viewer viewer) {
        return repository.read(UUID.fromString(pk))
                .map(source -> source == null ? null : mapper.toRetrieved(source, viewer.may(PlexSourceResource.CHANGE)));
    }
}
