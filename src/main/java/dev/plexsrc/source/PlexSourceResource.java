package dev.plexsrc.source;

import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import dev.plexsrc.database.RequestDeadline;
import dev.plexsrc.http.UsedBy;
import dev.plexsrc.input.PathIds;
import dev.plexsrc.list.ListParams;
import dev.plexsrc.list.Page;
import dev.plexsrc.security.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v3/sources/plex/}: Plex sources, with authentik's permission codenames. Bodies are
 * taken as bytes and parsed by the mapper, so that an update of an unknown source answers 404
 * whatever its body holds.
 */
@Path("/api/v3/sources/plex")
@Authenticated
@RequestDeadline
@Produces(MediaType.APPLICATION_JSON)
public class PlexSourceResource {

    static final String VIEW = "authentik_sources_plex.view_plexsource";
    static final String ADD = "authentik_sources_plex.add_plexsource";
    static final String CHANGE = "authentik_sources_plex.change_plexsource";
    static final String DELETE = "authentik_sources_plex.delete_plexsource";

    private final PlexSourceService service;
    private final PlexSourceMapper mapper;
    private final Caller caller;

    public PlexSourceResource(PlexSourceService service, PlexSourceMapper mapper, Caller caller) {
        this.service = service;
        this.mapper = mapper;
        this.caller = caller;
    }

    @GET
    @PermissionsAllowed(VIEW)
    public Uni<Page<PlexSourceResponse>> list(@BeanParam ListParams params, @BeanParam PlexSourceFilters filters) {
        boolean withToken = caller.may(CHANGE);
        return service.list(params, filters)
                .map(page -> page.map(source -> mapper.toResponse(source, withToken)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @PermissionsAllowed(ADD)
    public Uni<PlexSourceResponse> create(byte[] body) {
        return service.create(mapper.read(body, true)).map(this::toResponse);
    }

    @GET
    @Path("{slug}")
    @PermissionsAllowed(VIEW)
    public Uni<PlexSourceResponse> retrieve(@PathParam("slug") String slug) {
        return service.get(PathIds.slug(slug)).map(source -> mapper.toRetrieved(source, caller.may(CHANGE)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{slug}")
    @PermissionsAllowed(CHANGE)
    public Uni<PlexSourceResponse> update(@PathParam("slug") String slug, byte[] body) {
        return service.update(PathIds.slug(slug), () -> mapper.read(body, true)).map(this::toResponse);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{slug}")
    @PermissionsAllowed(CHANGE)
    public Uni<PlexSourceResponse> partialUpdate(@PathParam("slug") String slug, byte[] body) {
        return service.update(PathIds.slug(slug), () -> mapper.read(body, false)).map(this::toResponse);
    }

    @DELETE
    @Path("{slug}")
    @ResponseStatus(204)
    @PermissionsAllowed(DELETE)
    public Uni<Void> delete(@PathParam("slug") String slug) {
        return service.delete(PathIds.slug(slug));
    }

    @GET
    @Path("{slug}/used_by")
    @PermissionsAllowed(VIEW)
    public Uni<List<UsedBy>> usedBy(@PathParam("slug") String slug) {
        return service.usedBy(PathIds.slug(slug));
    }

    private PlexSourceResponse toResponse(PlexSourceRow source) {
        return mapper.toResponse(source, caller.may(CHANGE));
    }
}
