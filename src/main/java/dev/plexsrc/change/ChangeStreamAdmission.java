package dev.plexsrc.change;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import dev.plexsrc.database.RequestDeadline;
import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.error.GenericError;
import dev.plexsrc.http.HttpConnections;
import dev.plexsrc.security.Caller;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Admits a change stream before its headers go out, while a failure can still set the status:
 * <ol>
 * <li>where it resumes: 400 when malformed, or newer than the newest change;</li>
 * <li>a place: 429 past the caller's share, 503 past the instance's;</li>
 * <li>one read of the log: 503 with Retry-After while the database is unreachable, within the
 * request deadline; 410 for a replay the log no longer reaches back to.</li>
 * </ol>
 * The place is given back when the request is over, however it ends. Anonymous callers pass on to
 * the resource's 401, learning nothing about the log.
 */
@RequestDeadline
public class ChangeStreamAdmission {

    private final ChangeFeed feed;
    private final ChangeLogRepository log;
    private final CurrentIdentityAssociation identity;
    private final Caller caller;
    private final AdmittedStream admitted;

    public ChangeStreamAdmission(ChangeFeed feed, ChangeLogRepository log, CurrentIdentityAssociation identity,
            Caller caller, AdmittedStream admitted) {
        this.feed = feed;
        this.log = log;
        this.identity = identity;
        this.caller = caller;
        this.admitted = admitted;
    }

    @ServerRequestFilter
    public Uni<Response> admit(SimpleResourceInfo resource, HttpServerRequest request, RoutingContext context) {
        if (resource.getResourceClass() != ChangeResource.class) {
            return Uni.createFrom().nullItem();
        }
        Long after = ChangeResource.parseAfter(request.getHeader("Last-Event-ID"), request.getParam("since"));
        return identity.getDeferredIdentity()
                .flatMap(identified -> identified.isAnonymous() ? Uni.createFrom().nullItem() : admit(after, context));
    }

    private Uni<Response> admit(Long after, RoutingContext context) {
        StreamPlace place = feed.reserve(caller.subject());
        HttpConnections.whenOver(context, place::release);
        // From the settled id when not resuming: every change committed from here on has a higher id.
        Uni<Long> start = after == null ? feed.settle() : log.bounds().map(bounds -> {
            // No stream ever sent such an id (another database's, or a log that was reset): not ours to replay from.
            if (after > bounds.latest()) {
                throw FieldErrors.single("since", ChangeResource.beyondNewest(bounds.latest()));
            }
            return bounds.contains(after) ? after : null;
        });
        return start.onFailure().invoke(place::release).map(from -> {
            if (from == null) {
                place.release();
                return Response.status(410).type(MediaType.APPLICATION_JSON)
                        .entity(new GenericError(ChangeResource.EXPIRED)).build();
            }
            admitted.admit(place, from, caller.viewer());
            return null;
        });
    }
}
