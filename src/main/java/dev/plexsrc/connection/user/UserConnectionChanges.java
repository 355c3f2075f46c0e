package dev.plexsrc.connection.user;

import jakarta.inject.Singleton;

import dev.plexsrc.change.ChangedModel;
import dev.plexsrc.security.Viewer;
import io.smallrye.mutiny.Uni;

/** User connection changes in the change stream: a caller's own, or all with the view permission. */
@Singleton
public class UserConnectionChanges implements ChangedModel {

    private final UserConnectionRepository repository;
    private final UserConnectionMapper mapper;

    public UserConnectionChanges(UserConnectionRepository repository, UserConnectionMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    @Override
    public String model() {
        return "userplexsourceconnection";
    }

    @Override
    public boolean visible(Viewer viewer, Integer ownerUserId) {
        return scope(viewer).everyone() || viewer.userId().map(id -> id.equals(ownerUserId)).orElse(false);
    }

    @Override
    public Uni<Object> retrieve(String pk, Viewer viewer) {
        return repository.readVisible(Integer.parseInt(pk), scope(viewer))
                .map(connection -> connection == null ? null : mapper.toResponse(connection));
    }

    private static OwnerScope scope(Viewer viewer) {
        return OwnerScope.of(viewer.may(UserConnectionResource.VIEW), viewer.userId());
    }
}
