package dev.plexsrc.contract;

import static dev.plexsrc.testing.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.plexsrc.authentik2026.ApiClient;
import dev.plexsrc.authentik2026.ApiException;
import dev.plexsrc.authentik2026.api.SourcesApi;
import dev.plexsrc.authentik2026.model.GroupPlexSourceConnection;
import dev.plexsrc.authentik2026.model.GroupPlexSourceConnectionRequest;
import dev.plexsrc.authentik2026.model.PaginatedPlexSourceList;
import dev.plexsrc.authentik2026.model.PatchedGroupPlexSourceConnectionRequest;
import dev.plexsrc.authentik2026.model.PatchedPlexSourceRequest;
import dev.plexsrc.authentik2026.model.PatchedUserPlexSourceConnectionRequest;
import dev.plexsrc.authentik2026.model.PlexSource;
import dev.plexsrc.authentik2026.model.PlexSourceRequest;
import dev.plexsrc.authentik2026.model.PlexTokenRedeemRequest;
import dev.plexsrc.authentik2026.model.UserPlexSourceConnection;
import dev.plexsrc.authentik2026.model.UserPlexSourceConnectionRequest;
import dev.plexsrc.testing.FakePlexTv;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.Tokens;

/**
 * authentik 2026.8's own Java client, generated from its document (openapi-generator's java,
 * okhttp-gson), which refuses any answer that lacks a required key or has one its schema does not
 * know, drives every operation served against the packaged application in 2026.8 mode.
 */
class StrictClient2026IT {

    private static final String VIEW_SOURCE = "authentik_sources_plex.view_plexsource";
    private static final String ADD_USER_CONNECTION = "authentik_sources_plex.add_userplexsourceconnection";
    private static final String GROUP = "8f7e6d5c-4b3a-4921-8a7b-6c5d4e3f2a1b";
    private static final String OWNER_TOKEN = "owner-plex-token";

    private static FakePlexTv plexTv;
    private static PackagedApp app;

    @BeforeAll
    static void start() {
        plexTv = new FakePlexTv();
        plexTv.start();
        app = PackagedApp.start("StrictClient2026IT", Map.of("PLEXSRC_AUTHENTIK_API_VERSION", "2026.8",
                "PLEXSRC_PLEX_BASE_URL", plexTv.baseUrl()));
    }

    @AfterAll
    static void stop() {
        app.close();
        plexTv.close();
    }

    @Test
    void everySourceOperation() throws ApiException {
        SourcesApi admin = as(Tokens.admin());
        PlexSource created = admin.sourcesPlexCreate(new PlexSourceRequest().name("Plex").slug("strict-plex")
                .plexToken(OWNER_TOKEN).promoted(true).allowedServers(List.of()).clientId("strict-client"));
        assertEquals(true, created.getPromoted());
        assertEquals("/static/authentik/sources/plex.svg", created.getIconUrl());

        assertEquals(created, admin.sourcesPlexRetrieve("strict-plex"));
        PaginatedPlexSourceList page = admin.sourcesPlexList(null, null, null, null, null, null, null, null, null, null,
                null, null, null, "strict-plex", null);
        assertEquals(List.of(created), page.getResults());
        assertEquals(Map.of(), page.getAutocomplete());

        PlexSource renamed = admin.sourcesPlexUpdate("strict-plex", new PlexSourceRequest().name("Plex").slug("strict-renamed")
                .plexToken(OWNER_TOKEN).promoted(true).allowedServers(List.of()).clientId("strict-client"));
        assertEquals(created.getPk(), renamed.getPk());
        assertEquals("Patched", admin.sourcesPlexPartialUpdate("strict-renamed", new PatchedPlexSourceRequest().name("Patched"))
                .getName());
        assertEquals(List.of(), admin.sourcesPlexUsedByList("strict-renamed"));
        assertEquals("", as(Tokens.user(5, VIEW_SOURCE)).sourcesPlexRetrieve("strict-renamed").getPlexToken());

        admin.sourcesPlexDestroy("strict-renamed");
        ApiException gone = assertThrows(ApiException.class, () -> admin.sourcesPlexRetrieve("strict-renamed"));
        assertEquals(404, gone.getCode());
    }

    @Test
    void everyUserConnectionOperationAndTheRedeem() throws ApiException {
        SourcesApi admin = as(Tokens.admin());
        PlexSource source = admin.sourcesPlexCreate(new PlexSourceRequest().name("Users").slug("strict-users")
                .plexToken(OWNER_TOKEN));

        UserPlexSourceConnection mine = as(Tokens.user(7, ADD_USER_CONNECTION)).sourcesUserConnectionsPlexCreate(
                new UserPlexSourceConnectionRequest().source(source.getPk()).identifier("plex-7").plexToken("t7"));
        assertEquals(7, mine.getUser());
        assertEquals(source.getPk(), mine.getSource());
        assertEquals(source.getPk(), mine.getSourceObj().getPk());

        assertEquals(mine, admin.sourcesUserConnectionsPlexRetrieve(mine.getPk()));
        assertEquals(List.of(mine), admin.sourcesUserConnectionsPlexList(null, null, null, null, "strict-users", 7).getResults());
        assertEquals("plex-7b", admin.sourcesUserConnectionsPlexUpdate(mine.getPk(),
                new UserPlexSourceConnectionRequest().source(source.getPk()).identifier("plex-7b").plexToken("t7b")).getIdentifier());
        assertEquals("plex-7c", admin.sourcesUserConnectionsPlexPartialUpdate(mine.getPk(),
                new PatchedUserPlexSourceConnectionRequest().identifier("plex-7c")).getIdentifier());
        assertEquals(List.of(), admin.sourcesUserConnectionsPlexUsedByList(mine.getPk()));
        admin.sourcesUserConnectionsPlexDestroy(mine.getPk());

        plexTv.account(OWNER_TOKEN, 1001);
        admin.sourcesPlexRedeemTokenAuthenticatedCreate(new PlexTokenRedeemRequest().plexToken(OWNER_TOKEN), "strict-users");
        UserPlexSourceConnection linked = admin.sourcesUserConnectionsPlexList(null, null, null, null, "strict-users", 1)
                .getResults().get(0);
        assertEquals("1001", linked.getIdentifier());

        admin.sourcesPlexDestroy("strict-users");
    }

    @Test
    void everyGroupConnectionOperation() throws ApiException {
        SourcesApi admin = as(Tokens.admin());
        UUID source = admin.sourcesPlexCreate(new PlexSourceRequest().name("Groups").slug("strict-groups")
                .plexToken(OWNER_TOKEN)).getPk();

        // 2026.8's request has no group, and a group connection needs one: plexsrc answers 400 naming it.
        ApiException withoutGroup = assertThrows(ApiException.class, () -> admin.sourcesGroupConnectionsPlexCreate(
                new GroupPlexSourceConnectionRequest().source(source).identifier("friends")));
        assertEquals(400, withoutGroup.getCode());
        assertEquals(JsonParser.parseString("{\"group\":[\"This field is required.\"]}"),
                JsonParser.parseString(withoutGroup.getResponseBody()));

        int pk = asAdmin().port(app.port()).body("{\"source\":\"" + source + "\",\"group\":\"" + GROUP
                + "\",\"identifier\":\"friends\"}").post("/api/v3/sources/group_connections/plex/")
                .then().statusCode(201).extract().path("pk");
        GroupPlexSourceConnection connection = admin.sourcesGroupConnectionsPlexRetrieve(pk);
        assertEquals(UUID.fromString(GROUP), connection.getGroup());
        assertEquals(List.of(connection), admin.sourcesGroupConnectionsPlexList(UUID.fromString(GROUP), null, null, null,
                null, "strict-groups").getResults());
        assertEquals("renamed", admin.sourcesGroupConnectionsPlexUpdate(pk,
                new GroupPlexSourceConnectionRequest().source(source).identifier("renamed")).getIdentifier());
        assertEquals("patched", admin.sourcesGroupConnectionsPlexPartialUpdate(pk,
                new PatchedGroupPlexSourceConnectionRequest().identifier("patched")).getIdentifier());
        assertEquals(List.of(), admin.sourcesGroupConnectionsPlexUsedByList(pk));
        admin.sourcesGroupConnectionsPlexDestroy(pk);

        admin.sourcesPlexDestroy("strict-groups");
    }

    /** The client's check is real: our own list answer without its autocomplete key fails it. */
    @Test
    void anAnswerMissingARequiredKeyFailsTheClient() throws Exception {
        String answer = asAdmin().port(app.port()).get("/api/v3/sources/plex/").then().statusCode(200).extract().asString();
        PaginatedPlexSourceList.fromJson(answer);

        JsonObject withoutAutocomplete = JsonParser.parseString(answer).getAsJsonObject();
        withoutAutocomplete.remove("autocomplete");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PaginatedPlexSourceList.fromJson(withoutAutocomplete.toString()));
        assertTrue(refused.getMessage().startsWith("The required field `autocomplete` is not found in the JSON string"),
                refused.getMessage());
    }

    /** And over the wire: the same client refuses what a 2024.8 deployment answers. */
    @Test
    void theClientRefusesA2024Deployment() throws ApiException {
        try (PackagedApp old = PackagedApp.start("StrictClient2026IT-2024.8", Map.of())) {
            SourcesApi admin = as(Tokens.admin(), old);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> admin.sourcesPlexCreate(
                    new PlexSourceRequest().name("Plex").slug("plex").plexToken(OWNER_TOKEN)));
            // 2024.8's PlexSource lacks both; the client names whichever it checks first.
            assertTrue(refused.getMessage().matches("(?s)The required field `(icon_url|icon_themed_urls)` is not found in the JSON string.*"),
                    refused.getMessage());
        }
    }

    private static SourcesApi as(String token) {
        return as(token, app);
    }

    private static SourcesApi as(String token, PackagedApp app) {
        ApiClient client = new ApiClient();
        client.setBasePath("http://127.0.0.1:" + app.port() + "/api/v3");
        client.setBearerToken(token);
        return new SourcesApi(client);
    }
}
