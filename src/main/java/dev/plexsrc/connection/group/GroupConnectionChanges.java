package dev.plexsrc.connection.group;

import jakarta.inject.Singleton;

import dev.plexsrc.change.ChangedModel;
import dev.plexsrc.security.Viewer;
import io.smallrye.mutiny.Uni;

/** Group connection changes in the change stream: seen with the view permission. */
@Singleton
public class GroupConnectionChanges implements ChangedModel {

    private final GroupConnectionRepository repository;
    private final GroupConnectionMapper mapper;

    public GroupConnectionChanges(GroupConnectionRepository repository, GroupConnectionMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    @Override
    public String model() {
        return "groupplexsourceconnection";
    }

    @Override
    public boolean visible(Viewer viewer, Integer ownerUserId) {
        return viewer.may(GroupConnectionResource.VIEW);
    }

    @Override
    public Uni<Object> retrieve(String pk, Viewer viewer) {
        return repository.read(Integer.parseInt(pk)).map(connection -> connection == null ? null : mapper.toResponse(connection));
    }
}
