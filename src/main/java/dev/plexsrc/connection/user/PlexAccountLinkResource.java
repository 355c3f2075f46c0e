package dev.plexsrc.connection.user;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.database.RequestDeadline;
import dev.plexsrc.error.ApiException;
import dev.plexsrc.input.PathIds;
import dev.plexsrc.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v3/sources/plex/redeem_token_authenticated/?slug=}: any authenticated caller links
 * their own Plex account. The literal path wins over {@code /sources/plex/{slug}/}, as in authentik's
 * router, so its other methods answer 405. The deadline leaves plex.tv its whole timeout, so that a
 * slow plex.tv answers 502, not 503.
 */
@Path("/api/v3/sources/plex/redeem_token_authenticated")
@Authenticated
@RequestDeadline(extendedBy = "plexsrc.plex.timeout")
@Produces(MediaType.APPLICATION_JSON)
public class PlexAccountLinkResource {

    private final PlexAccountLinking linking;
    private final Caller caller;

    public PlexAccountLinkResource(PlexAccountLinking linking, Caller caller) {
        this.linking = linking;
        this.caller = caller;
    }

    /** A caller whose token names no integer user has no account to link: 403. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(204)
    public Uni<Void> redeem(@QueryParam("slug") String slug, JsonNode body) {
        int userId = caller.userId().orElseThrow(ApiException::forbidden);
        return linking.link(PathIds.slug(slug), PlexTokenRedeemRequest.read(body), userId);
    }
}
