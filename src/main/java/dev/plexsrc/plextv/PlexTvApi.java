package dev.plexsrc.plextv;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

import io.quarkus.rest.client.reactive.ClientQueryParam;
import io.smallrye.mutiny.Uni;

/**
 * The three plex.tv calls a redeem makes. Tokens travel only in the {@code X-Plex-Token} header,
 * never in a query string; {@code @Produces} makes the client send {@code Accept: application/json}.
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = PlexTvApi.PRODUCT_HEADER, value = PlexTvApi.PRODUCT)
interface PlexTvApi {

    String TOKEN_HEADER = "X-Plex-Token";
    String CLIENT_IDENTIFIER_HEADER = "X-Plex-Client-Identifier";
    String PRODUCT_HEADER = "X-Plex-Product";
    // authentik's name: the source's client identifier is the device authentik's Plex login registered under it.
    String PRODUCT = "authentik";

    @GET
    @Path("user")
    Uni<PlexAccount> user(@HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam(CLIENT_IDENTIFIER_HEADER) String clientIdentifier);

    @GET
    @Path("friends")
    Uni<List<PlexAccount>> friends(@HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam(CLIENT_IDENTIFIER_HEADER) String clientIdentifier);

    // As authentik asks: servers reachable over HTTPS and through the relay are listed too.
    @GET
    @Path("resources")
    @ClientQueryParam(name = "includeHttps", value = "1")
    @ClientQueryParam(name = "includeRelay", value = "1")
    Uni<List<PlexResource>> resources(@HeaderParam(TOKEN_HEADER) String token,
            @HeaderParam(CLIENT_IDENTIFIER_HEADER) String clientIdentifier);
}
