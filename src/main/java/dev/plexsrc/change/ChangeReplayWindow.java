package dev.plexsrc.change;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import dev.plexsrc.api.error.GenericError;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers 410 to a replay the change log no longer reaches back to. A filter, because a stream's
 * headers are sent when it starts, so a failure inside it could no longer change the status.
 * Anonymous callers pass on to the resource's 401, learning nothing about the log.
 */
public class ChangeReplayWindow {

    private final ChangeLogRepository log;
    private final CurrentIdentityAssociation identity;

    public ChangeReplayWindow(ChangeLogRepository log, CurrentIdentityAssociation identity) {
        this.log = log;
        this.identity = identity;
    }

    @ServerRequestFilter
    public Uni<Response> outsideWindow(SimpleResourceInfo resource, HttpServerRequest request) {
        if (resource.getResourceClass() != ChangeResource.class) {
            return Uni.createFrom().nullItem();
        }
        Long after = ChangeResource.parseAfter(request.getHeader("Last-Event-ID"), request.getParam("since"));
        if (after == null) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().flatMap(caller -> caller.isAnonymous()
                ? Uni.createFrom().nullItem()
                : log.bounds().map(bounds -> bounds.contains(after) ? null
                        : Response.status(410).type(MediaType.APPLICATION_JSON)
                                .entity(new GenericError(ChangeResource.EXPIRED)).build()));
    }
}
