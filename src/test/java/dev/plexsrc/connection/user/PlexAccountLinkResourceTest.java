package dev.plexsrc.connection.user;

import static dev.plexsrc.connection.Connections.USERS;
import static dev.plexsrc.testing.Api.NOT_FOUND;
import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.toJson;
import static dev.plexsrc.testing.FakePlexTv.player;
import static dev.plexsrc.testing.FakePlexTv.server;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.encryption.TokenCipher;
import dev.plexsrc.encryption.TokenTable;
import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.Concurrently;
import dev.plexsrc.testing.FakePlexTv.Answer;
import dev.plexsrc.testing.FakePlexTv;
import dev.plexsrc.testing.PlexTvOnLoopback;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Linking a Plex account through redeem_token_authenticated, against a fake plex.tv on loopback:
 * who may link, what is stored, and how each failure of plex.tv answers. The owner of every source
 * is plex.tv account 1000 (token {@value #OWNER}); the caller, user 7 here, is account 2000 (token
 * {@value #CALLER}) unless a test says otherwise.
 */
@QuarkusTest
class PlexAccountLinkResourceTest {

    static final String REDEEM = SOURCES + "redeem_token_authenticated/";
    static final String OWNER = "owner-plex-token";
    static final String CALLER = "caller-plex-token";
    static final long OWNER_ID = 1000;
    static final long CALLER_ID = 2000;
    static final int USER = 7;
    static final String DENIED = "{\"detail\":\"Access denied.\"}";
    static final String UNAVAILABLE = "{\"detail\":\"plex.tv could not be asked whether this account may link;"
            + " try again shortly.\"}";
    static final String TOKEN_INVALID = "{\"plex_token\":[\"Token invalid/expired\"]}";

    FakePlexTv plexTv;

    @Inject
    TokenCipher cipher;

    @BeforeEach
    void cleanSlate() {
        Connections.truncate();
        plexTv.reset();
        plexTv.account(OWNER, OWNER_ID).account(CALLER, CALLER_ID).friends(OWNER).resources(OWNER).resources(CALLER);
    }

    // --- who may link -----------------------------------------------------------------------

    @Test
    void aFriendOfTheOwnerLinksTheirAccount() {
        source("plex", true, List.of("srv-a"));
        plexTv.friends(OWNER, 3000, CALLER_ID);

        redeem("plex", CALLER).then().statusCode(204).body(emptyString());

        assertLinked(USER, "plex", String.valueOf(CALLER_ID), CALLER);
    }

    @Test
    void theOwnerLinksTheirOwnAccount() {
        source("plex", true, List.of("srv-a"));
        plexTv.account("owners-personal-token", OWNER_ID);

        redeem("plex", "owners-personal-token").then().statusCode(204);

        assertLinked(USER, "plex", String.valueOf(OWNER_ID), "owners-personal-token");
    }

    @Test
    void aMemberOfAnAllowedServerLinksWithoutAskingAboutFriends() {
        source("plex", false, List.of("srv-a"));
        plexTv.resources(CALLER, player("srv-b"), server("srv-a", false));

        redeem("plex", CALLER).then().statusCode(204);

        assertLinked(USER, "plex", String.valueOf(CALLER_ID), CALLER);
        assertTrue(plexTv.requests().stream().noneMatch(r -> r.path().equals(FakePlexTv.FRIENDS)),
                "friends were asked although allow_friends is off");
    }

    @Test
    void nobodyAllowsThenAccessIsDenied() {
        source("plex", true, List.of("srv-a"));
        plexTv.friends(OWNER, 3000)
                // A player with the allowed identifier is no server, and srv-b is not allowed.
                .resources(CALLER, player("srv-a"), server("srv-b", false));

        redeem("plex", CALLER).then().statusCode(403).body(sameJson(DENIED));

        assertEquals("0", count());
    }

    @Test
    void aFailingFriendsLookupDoesNotStopTheServerCheck() {
        source("plex", true, List.of("srv-a"));
        plexTv.answer(FakePlexTv.FRIENDS, OWNER, Answer.status(500))
                .answer(FakePlexTv.USER, OWNER, Answer.status(503))
                .resources(CALLER, server("srv-a", false));

        redeem("plex", CALLER).then().statusCode(204);

        assertLinked(USER, "plex", String.valueOf(CALLER_ID), CALLER);
    }

    @Test
    void aFailingServerLookupDoesNotStopTheFriendCheck() {
        source("plex", true, List.of("srv-a"));
        plexTv.friends(OWNER, CALLER_ID).answer(FakePlexTv.RESOURCES, CALLER, Answer.json("not json"));

        redeem("plex", CALLER).then().statusCode(204);
    }

    @Test
    void anEmptyAllowedServersListMeansAnyServerTheOwnerOwns() {
        source("plex", false, List.of());
        plexTv.resources(OWNER, server("home", true), server("shared-with-owner", false))
                .resources(CALLER, server("home", false));

        redeem("plex", CALLER).then().statusCode(204);
        assertLinked(USER, "plex", String.valueOf(CALLER_ID), CALLER);
    }

    @Test
    void anEmptyAllowedServersListDoesNotAllowServersTheOwnerOnlyHasAccessTo() {
        source("plex", false, List.of());
        plexTv.resources(OWNER, server("home", true), server("shared-with-owner", false), player("owner-tv"))
                .resources(CALLER, server("shared-with-owner", false), player("owner-tv"));

        redeem("plex", CALLER).then().statusCode(403).body(sameJson(DENIED));
    }

    @Test
    void aSourceTokenNoKeyDecryptsDeniesTheChecksThatNeedItAndNeverAnswers500() {
        source("plex", true, List.of());
        Tables.queryString("UPDATE plex_source SET plex_token = 'v2:default:AAAA' RETURNING 1");
        plexTv.friends(OWNER, CALLER_ID).resources(OWNER, server("home", true)).resources(CALLER, server("home", false));

        redeem("plex", CALLER).then().statusCode(403).body(sameJson(DENIED));
        assertTrue(plexTv.requests().stream().noneMatch(r -> OWNER.equals(r.header("X-Plex-Token"))),
                "the owner's checks ran without the owner's token");

        // The allowed-servers check needs only the caller's token.
        Tables.queryString("UPDATE plex_source SET allowed_servers = '{home}' RETURNING 1");
        redeem("plex", CALLER).then().statusCode(204);
    }

    @Test
    void aSourceTokenPlexTvRejectsDeniesTheOwnersChecks() {
        source("plex", true, List.of());
        plexTv.answer(FakePlexTv.USER, OWNER, Answer.status(401)).answer(FakePlexTv.FRIENDS, OWNER, Answer.status(401))
                .answer(FakePlexTv.RESOURCES, OWNER, Answer.status(401)).resources(CALLER, server("home", false));

        redeem("plex", CALLER).then().statusCode(403).body(sameJson(DENIED));
    }

    // --- what is stored ---------------------------------------------------------------------

    @Test
    void relinkingRefreshesIdentifierAndTokenAndNeverDuplicates() {
        source("plex", true, List.of());
        plexTv.friends(OWNER, CALLER_ID, 2001).account("new-token-of-another-account", 2001);
        redeem("plex", CALLER).then().statusCode(204);
        JsonNode first = ownConnection(USER);

        redeem("plex", "new-token-of-another-account").then().statusCode(204);

        assertEquals("1", count());
        JsonNode second = ownConnection(USER);
        assertEquals(first.get("pk"), second.get("pk"));
        assertEquals(first.get("created"), second.get("created"));
        assertEquals("2001", second.get("identifier").asText());
        assertTrue(second.get("last_updated").asText().compareTo(first.get("last_updated").asText()) > 0);
        assertLinked(USER, "plex", "2001", "new-token-of-another-account");
    }

    @Test
    void twoConcurrentRedeemsOfOneCallerBothSucceedWithOneConnection() throws Exception {
        source("plex", true, List.of());
        plexTv.friends(OWNER, CALLER_ID);
        for (int round = 0; round < 5; round++) {
            int user = 100 + round;
            List<Integer> statuses = Concurrently.run(4, () -> redeem("plex", CALLER, user).statusCode());
            assertEquals(List.of(204, 204, 204, 204), statuses);
            assertEquals("1", Tables.queryString("SELECT count(*) FROM user_plex_source_connection WHERE user_id = " + user));
        }
    }

    /**
     * The lost race made certain: the redeem finds no connection, and its insert waits on one
     * another transaction inserted first; once that commits, the redeem updates it instead.
     */
    @Test
    void aRedeemThatLosesTheInsertRaceUpdatesTheWinnersConnection() throws Exception {
        String sourceId = source("plex", true, List.of()).get("pk").asText();
        plexTv.friends(OWNER, CALLER_ID);
        try (Connection winner = Tables.connect(); Statement statement = winner.createStatement()) {
            winner.setAutoCommit(false);
            statement.execute("INSERT INTO user_plex_source_connection (user_id, source_id, identifier, plex_token)"
                    + " VALUES (" + USER + ", '" + sourceId + "', 'winner', 'v2:default:winner')");
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<Response> redeem = executor.submit(() -> redeem("plex", CALLER));
                awaitInsertWaitingOnLock();
                winner.commit();
                redeem.get(10, TimeUnit.SECONDS).then().statusCode(204).body(emptyString());
            } finally {
                executor.shutdownNow();
            }
        }
        assertEquals("1", count());
        assertLinked(USER, "plex", String.valueOf(CALLER_ID), CALLER);
    }

    @Test
    void theStoredTokenIsEncryptedAndNeverReturned() {
        source("plex", true, List.of());
        plexTv.friends(OWNER, CALLER_ID);
        redeem("plex", CALLER).then().statusCode(204);

        String stored = Tables.queryString("SELECT plex_token FROM user_plex_source_connection");
        assertTrue(stored.startsWith("v2:default:"), stored);
        assertFalse(stored.contains(CALLER), stored);
        as(Tokens.user(USER)).get(USERS).then().statusCode(200).body(not(containsString("plex_token")))
                .body("results[0].identifier", equalTo(String.valueOf(CALLER_ID)));
    }

    // --- plex.tv failing --------------------------------------------------------------------

    @Test
    void plexTvUnreachableAnswers502AndReadinessStaysUp() {
        source("plex", true, List.of("srv-a"));
        plexTv.stop();
        try {
            Response response = redeem("plex", CALLER);
            response.then().statusCode(502).body(sameJson(UNAVAILABLE));
            assertFalse(response.asString().contains(CALLER));
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            plexTv.start();
        }
    }

    @Test
    void aClientIdNoHeaderCanCarryAnswers502() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Source plex");
        body.put("slug", "plex");
        body.put("plex_token", OWNER);
        body.put("client_id", "line\nbreak");
        asAdmin().body(toJson(body)).post(SOURCES).then().statusCode(201);
        plexTv.friends(OWNER, CALLER_ID);

        redeem("plex", CALLER).then().statusCode(502).body(sameJson(UNAVAILABLE));
        assertEquals("0", count());
    }

    @Test
    void aServerErrorOnTheCallersAccountAnswers502() {
        source("plex", true, List.of("srv-a"));
        plexTv.answer(FakePlexTv.USER, CALLER, Answer.status(500));

        redeem("plex", CALLER).then().statusCode(502).body(sameJson(UNAVAILABLE));
    }

    @Test
    void plexTvTimingOutAnswers502WithinTheConfiguredTimeout() {
        source("plex", true, List.of("srv-a"));
        Duration timeout = Duration.parse("PT" + PlexTvOnLoopback.TIMEOUT.toUpperCase());
        plexTv.answer(FakePlexTv.USER, CALLER, Answer.json("{\"id\":" + CALLER_ID + "}").after(timeout.multipliedBy(5)));

        long started = System.nanoTime();
        redeem("plex", CALLER).then().statusCode(502).body(sameJson(UNAVAILABLE));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(timeout) >= 0, "answered before the timeout: " + took);
        assertTrue(took.compareTo(timeout.plusMillis(700)) < 0, "answered " + took + " after the request, timeout " + timeout);
    }

    /** The timeout bounds a redeem's calls together: slow checks after a quick account lookup do not add up. */
    @Test
    void slowChecksEndWithinTheSameTimeoutAnd502WhenNoneAllowed() {
        source("plex", true, List.of("srv-a"));
        Duration timeout = Duration.parse("PT" + PlexTvOnLoopback.TIMEOUT.toUpperCase());
        plexTv.answer(FakePlexTv.USER, CALLER, Answer.json("{\"id\":" + CALLER_ID + "}").after(timeout.dividedBy(2)))
                .answer(FakePlexTv.FRIENDS, OWNER, Answer.json("[]").after(timeout.multipliedBy(5)))
                .answer(FakePlexTv.RESOURCES, CALLER, Answer.json("[]").after(timeout.multipliedBy(5)));

        long started = System.nanoTime();
        redeem("plex", CALLER).then().statusCode(502).body(sameJson(UNAVAILABLE));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(timeout.plusMillis(700)) < 0, "answered " + took + " after the request, timeout " + timeout);
    }

    /** A check that could not answer might have allowed: no denial is claimed then. */
    @Test
    void oneCheckDenyingWhileAnotherCouldNotAnswerIs502NotDenied() {
        source("plex", true, List.of("srv-a"));
        plexTv.answer(FakePlexTv.FRIENDS, OWNER, Answer.status(500)).resources(CALLER, server("srv-b", false));

        redeem("plex", CALLER).then().statusCode(502).body(sameJson(UNAVAILABLE));
    }

    @Test
    void aTokenPlexTvRejectsAnswers400() {
        source("plex", true, List.of("srv-a"));

        Response response = redeem("plex", "expired-token");
        response.then().statusCode(400).body(sameJson(TOKEN_INVALID));
        assertTrue(plexTv.requests().stream().allMatch(r -> r.path().equals(FakePlexTv.USER)),
                "the source's token was used for a caller plex.tv rejected");
    }

    // --- the request ------------------------------------------------------------------------

    @Test
    void unknownDisabledOrMissingSourceAnswers404() {
        source("plex", true, List.of());
        asAdmin().body(json("{'enabled':false}")).patch(Api.source("plex")).then().statusCode(200);

        redeem("plex", CALLER).then().statusCode(404).body(sameJson(NOT_FOUND));
        redeem("nope", CALLER).then().statusCode(404).body(sameJson(NOT_FOUND));
        redeem("not a slug", CALLER).then().statusCode(404).body(sameJson(NOT_FOUND));
        as(Tokens.user(USER)).body(toJson(Map.of("plex_token", CALLER))).post(REDEEM)
                .then().statusCode(404).body(sameJson(NOT_FOUND));
        assertTrue(plexTv.requests().isEmpty(), "plex.tv was asked about a source that cannot be linked");
    }

    @Test
    void aMissingBlankOrNonStringTokenIsAFieldError() {
        source("plex", true, List.of());
        post("plex", "{}").then().statusCode(400).body(sameJson("{\"plex_token\":[\"This field is required.\"]}"));
        post("plex", "{\"plex_token\":\"  \"}").then().statusCode(400)
                .body(sameJson("{\"plex_token\":[\"This field may not be blank.\"]}"));
        post("plex", "{\"plex_token\":null}").then().statusCode(400)
                .body(sameJson("{\"plex_token\":[\"This field may not be null.\"]}"));
        post("plex", "{\"plex_token\":[\"a\"]}").then().statusCode(400)
                .body(sameJson("{\"plex_token\":[\"Not a valid string.\"]}"));
        // Nothing a header cannot carry is sent to plex.tv.
        post("plex", "{\"plex_token\":\"a\\r\\nX-Injected: 1\"}").then().statusCode(400).body(sameJson(TOKEN_INVALID));
        post("plex", toJson(Map.of("plex_token", "a".repeat(1025)))).then().statusCode(400).body(sameJson(TOKEN_INVALID));
        assertTrue(plexTv.requests().isEmpty());
    }

    @Test
    void withoutABearerTokenTheAnswerIs401() {
        source("plex", true, List.of());
        given().contentType("application/json").body(toJson(Map.of("plex_token", CALLER))).queryParam("slug", "plex")
                .post(REDEEM).then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body(sameJson(Connections.NOT_PROVIDED));
    }

    @Test
    void aCallerWithoutAnIntegerUserIdHasNothingToLink() {
        source("plex", true, List.of());
        plexTv.friends(OWNER, CALLER_ID);
        as(Tokens.withSubject("not-a-number")).queryParam("slug", "plex").body(toJson(Map.of("plex_token", CALLER)))
                .post(REDEEM).then().statusCode(403).body(sameJson(Connections.FORBIDDEN));
    }

    /** As authentik's router: the literal action path wins over {@code {slug}}, so other methods are 405. */
    @Test
    void otherMethodsOnTheActionPathAnswer405EvenWithASourceOfThatSlug() {
        source("redeem_token_authenticated", true, List.of());
        for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
            asAdmin().body("{}").request(method, REDEEM).then().statusCode(405)
                    .body(sameJson("{\"detail\":\"Method \\\"" + method + "\\\" not allowed.\"}"));
        }
        asAdmin().get(SOURCES + "redeem_token_authenticated").then().statusCode(405);
        assertEquals("1", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    @Test
    void theActionPathIsServedWithoutItsTrailingSlash() {
        source("plex", true, List.of());
        plexTv.friends(OWNER, CALLER_ID);
        as(Tokens.user(USER)).queryParam("slug", "plex").body(toJson(Map.of("plex_token", CALLER)))
                .post(SOURCES + "redeem_token_authenticated").then().statusCode(204);
    }

    // --- helpers ----------------------------------------------------------------------------

    private static JsonNode source(String slug, boolean allowFriends, List<String> allowedServers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Source " + slug);
        body.put("slug", slug);
        body.put("plex_token", OWNER);
        body.put("allow_friends", allowFriends);
        body.put("allowed_servers", allowedServers);
        return Api.parse(asAdmin().body(toJson(body)).post(SOURCES).then().statusCode(201).extract().asString());
    }

    static Response redeem(String slug, String plexToken) {
        return redeem(slug, plexToken, USER);
    }

    static Response redeem(String slug, String plexToken, int user) {
        return as(Tokens.user(user)).queryParam("slug", slug).body(toJson(Map.of("plex_token", plexToken))).post(REDEEM);
    }

    private static Response post(String slug, String body) {
        return as(Tokens.user(USER)).queryParam("slug", slug).body(body).post(REDEEM);
    }

    private static String count() {
        return Tables.queryString("SELECT count(*) FROM user_plex_source_connection");
    }

    private static JsonNode ownConnection(int user) {
        JsonNode list = Api.parse(as(Tokens.user(user)).get(USERS).then().statusCode(200).extract().asString());
        assertEquals(1, list.get("results").size(), list::toString);
        return list.get("results").get(0);
    }

    /** The user's one connection to the source has this identifier and, decrypted on its row, this token. */
    private void assertLinked(int user, String slug, String identifier, String plexToken) {
        JsonNode connection = ownConnection(user);
        assertEquals(user, connection.get("user").asInt());
        assertEquals(slug, connection.at("/source/slug").asText());
        assertEquals(identifier, connection.get("identifier").asText());
        int pk = connection.get("pk").asInt();
        String stored = Tables.queryString("SELECT plex_token FROM user_plex_source_connection WHERE id = " + pk);
        assertEquals(plexToken, cipher.decrypt(stored, TokenTable.USER_CONNECTION.row(pk)));
    }

    /** Polls PostgreSQL until a backend of this database waits on a lock: the redeem's insert. */
    private static void awaitInsertWaitingOnLock() {
        String waiting = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query LIKE 'insert into user_plex_source_connection%'";
        await("the redeem's insert never waited on the first one").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10)).until(() -> "1".equals(Tables.queryString(waiting)));
    }
}
