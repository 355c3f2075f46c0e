package dev.plexsrc.connection.user;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.ConnectionFilters;
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
 * {@code /api/v3/sources/user_connections/plex/}. Without the view permission a caller works
 * only with their own connections, and everyone else's answer 404.
 */
@Path("/api/v3/sources/user_connections/plex")
@Authenticated
@RequestDeadline
@Produces(MediaType.APPLICATION_JSON)
public class UserConnectionResource {

    static final String VIEW = "authentik_sources_plex.view_userplexsourceconnection";
    static final String ADD = "authentik_sources_plex.add_userplexsourceconnection";
    static final String CHANGE = "authentik_sources_plex.change_userplexsourceconnection";
    static final String DELETE = "authentik_sources_plex.delete_userplexsourceconnection";

    private final UserConnectionService service;
    private final Caller caller;

    public UserConnectionResource(UserConnectionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    public Uni<Page<UserConnectionResponse>> list(@BeanParam ListParams params,
            @QueryParam("user") String user, @BeanParam ConnectionFilters filters) {
        return service.list(params, user, filters, scope());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @PermissionsAllowed(ADD)
    public Uni<UserConnectionResponse> create(JsonNode body) {
        return service.create(UserConnectionRequest.forCreate(body, caller.userId()));
    }

    @GET
    @Path("{id}")
    public Uni<UserConnectionResponse> retrieve(@PathParam("id") String id) {
        return service.get(PathIds.integer(id), scope());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{id}")
    public Uni<UserConnectionResponse> update(@PathParam("id") String id, JsonNode body) {
        return service.update(PathIds.integer(id), UserConnectionRequest.forUpdate(body, true), changing(CHANGE));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{id}")
    public Uni<UserConnectionResponse> partialUpdate(@PathParam("id") String id, JsonNode body) {
        return service.update(PathIds.integer(id), UserConnectionRequest.forUpdate(body, false), changing(CHANGE));
    }

    @DELETE
    @Path("{id}")
    @ResponseStatus(204)
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(PathIds.integer(id), changing(DELETE));
    }

    @GET
    @Path("{id}/used_by")
    public Uni<List<UsedBy>> usedBy(@PathParam("id") String id) {
        return service.usedBy(PathIds.integer(id), scope());
    }

    private OwnerScope scope() {
        return OwnerScope.of(caller.may(VIEW), caller.userId());
    }

    /** The caller's scope for a change that {@code permission} allows on everyone's connections. */
    private OwnerScope changing(String permission) {
        return scope().changing(caller.may(permission));
    }
}
