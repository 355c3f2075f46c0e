package dev.plexsrc.connection.group;

import java.util.List;
import java.util.UUID;

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
import dev.plexsrc.connection.ConnectionScope;
import dev.plexsrc.database.RequestDeadline;
import dev.plexsrc.http.UsedBy;
import dev.plexsrc.input.PathIds;
import dev.plexsrc.list.ListParams;
import dev.plexsrc.list.Page;
import io.quarkus.security.Authenticated;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/** {@code /api/v3/sources/group_connections/plex/}: permission-only, no owner scoping. */
@Path("/api/v3/sources/group_connections/plex")
@Authenticated
@RequestDeadline
@Produces(MediaType.APPLICATION_JSON)
public class GroupConnectionResource {

    // The routes' permissions decide alone: whoever holds one works with every group connection.
    private static final ConnectionScope<UUID> ALL = ConnectionScope.all();

    static final String VIEW = "authentik_sources_plex.view_groupplexsourceconnection";
    static final String ADD = "authentik_sources_plex.add_groupplexsourceconnection";
    static final String CHANGE = "authentik_sources_plex.change_groupplexsourceconnection";
    static final String DELETE = "authentik_sources_plex.delete_groupplexsourceconnection";

    private final GroupConnectionService service;

    public GroupConnectionResource(GroupConnectionService service) {
        this.service = service;
    }

    @GET
    @PermissionsAllowed(VIEW)
    public Uni<Page<GroupConnectionResponse>> list(@BeanParam ListParams params,
            @QueryParam("group") String group, @BeanParam ConnectionFilters filters) {
        return service.list(params, group, filters, ALL);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @PermissionsAllowed(ADD)
    public Uni<GroupConnectionResponse> create(JsonNode body) {
        return service.create(GroupConnectionRequest.forCreate(body));
    }

    @GET
    @Path("{id}")
    @PermissionsAllowed(VIEW)
    public Uni<GroupConnectionResponse> retrieve(@PathParam("id") String id) {
        return service.get(PathIds.integer(id), ALL);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{id}")
    @PermissionsAllowed(CHANGE)
    public Uni<GroupConnectionResponse> update(@PathParam("id") String id, JsonNode body) {
        return service.update(PathIds.integer(id), GroupConnectionRequest.forUpdate(body, true), ALL);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{id}")
    @PermissionsAllowed(CHANGE)
    public Uni<GroupConnectionResponse> partialUpdate(@PathParam("id") String id, JsonNode body) {
        return service.update(PathIds.integer(id), GroupConnectionRequest.forUpdate(body, false), ALL);
    }

    @DELETE
    @Path("{id}")
    @ResponseStatus(204)
    @PermissionsAllowed(DELETE)
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(PathIds.integer(id), ALL);
    }

    @GET
    @Path("{id}/used_by")
    @PermissionsAllowed(VIEW)
    public Uni<List<UsedBy>> usedBy(@PathParam("id") String id) {
        return service.usedBy(PathIds.integer(id), ALL);
    }
}
