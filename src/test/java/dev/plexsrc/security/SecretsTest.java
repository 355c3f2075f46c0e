package dev.plexsrc.security;

import static dev.plexsrc.connection.Connections.USERS;
import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.source;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.CapturedLog;
import dev.plexsrc.testing.FakePlexTv;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Plex tokens, bearer tokens and Authorization values never leave the request: not in a stored
 * column, not in any log line the service writes on any path, successful or failing.
 */
@QuarkusTest
class SecretsTest {

    /**
     * Our own code at every level, and the HTTP client that carries plex.tv tokens at DEBUG, which
     * a deployment may turn on; the other libraries at the levels the service runs with (JWT
     * verification cannot be set below INFO: see application.properties).
     */
    private static final List<String> DEBUGGED = List.of("dev.plexsrc", "io.vertx.core.http", "io.netty.handler.codec.http");

    FakePlexTv plexTv;

    private final List<String> plexTokens = new ArrayList<>();
    private CapturedLog log;
    private final List<Level> levelsBefore = new ArrayList<>();

    @BeforeEach
    void capture() {
        Connections.truncate();
        log = CapturedLog.attach();
        for (String category : DEBUGGED) {
            Logger logger = Logger.getLogger(category);
            levelsBefore.add(logger.getLevel());
            logger.setLevel(Level.FINEST);
        }
    }

    @AfterEach
    void release() {
        log.close();
        for (int i = 0; i < DEBUGGED.size(); i++) {
            Logger.getLogger(DEBUGGED.get(i)).setLevel(levelsBefore.get(i));
        }
    }

    @Test
    void storedColumnsNeverHoldAPlainToken() {
        asAdmin().body(minimalSource("Secret", "secret", plexToken())).post(SOURCES).then().statusCode(201);
        asAdmin().body("{\"plex_token\":\"" + plexToken() + "\"}").patch(source("secret")).then().statusCode(200);
        asAdmin().body(minimalSource("Secret", "secret", plexToken())).put(source("secret")).then().statusCode(200);
        int pk = asAdmin().body(body("source", "secret", "identifier", "plex-1", "plex_token", plexToken()))
                .post(USERS).then().statusCode(201).extract().path("pk");
        asAdmin().body(body("plex_token", plexToken())).patch(Connections.user(pk)).then().statusCode(200);
        asAdmin().body(body("identifier", "plex-1", "plex_token", plexToken())).put(Connections.user(pk))
                .then().statusCode(200);

        String stored = Tables.queryString("SELECT string_agg(plex_token, ' ') FROM (SELECT plex_token FROM plex_source"
                + " UNION ALL SELECT plex_token FROM user_plex_source_connection) t");
        String everything = Tables.queryString("SELECT string_agg(t::text, ' ') FROM (SELECT s::text FROM plex_source s"
                + " UNION ALL SELECT c::text FROM user_plex_source_connection c) t");
        assertEquals(2, stored.split(" ").length, stored);
        for (String token : plexTokens) {
            assertFalse(everything.contains(token), () -> "a stored row holds " + token + ": " + everything);
        }
    }

    @Test
    void noLogLineOfAnyPathHoldsATokenOrAnAuthorizationValue() {
        String admin = Tokens.admin();
        String viewer = Tokens.user(7, "authentik_sources_plex.view_plexsource");
        // Successful paths: every write and read that carries or returns a token.
        as(admin).body(minimalSource("Logged", "logged", plexToken())).post(SOURCES).then().statusCode(201);
        as(admin).body("{\"plex_token\":\"" + plexToken() + "\"}").patch(source("logged")).then().statusCode(200);
        as(admin).get(SOURCES).then().statusCode(200);
        as(viewer).get(source("logged")).then().statusCode(200);
        as(admin).body(body("source", "logged", "identifier", "p", "plex_token", plexToken())).post(USERS)
                .then().statusCode(201);
        // Failing paths: bad tokens of every kind, bodies that fail to parse or validate around a token.
        List<String> bearers = List.of(Tokens.expired(), Tokens.wrongIssuer(), Tokens.signedByAnotherKey(),
                Tokens.algNone(), "not-a-jwt-" + UUID.randomUUID(), admin + "x");
        for (String bearer : bearers) {
            as(bearer).get(SOURCES).then().statusCode(401);
        }
        given().header("Authorization", "Basic " + UUID.randomUUID()).get(SOURCES).then().statusCode(401);
        as(admin).body("{\"name\":\"x\",\"plex_token\":\"" + plexToken() + "\"").post(SOURCES).then().statusCode(400);
        as(admin).body("{\"name\":\"\",\"slug\":\"logged\",\"plex_token\":\"" + plexToken() + "\"}").post(SOURCES)
                .then().statusCode(400);
        as(admin).body(minimalSource("Dup", "logged", plexToken())).post(SOURCES).then().statusCode(400);
        as(admin).body(body("source", "logged", "identifier", "p", "plex_token", plexToken())).post(USERS)
                .then().statusCode(400);
        as(viewer).body(minimalSource("No", "no", plexToken())).post(SOURCES).then().statusCode(403);
        as(admin).contentType("text/plain").body(plexToken()).post(SOURCES).then().statusCode(415);
        as(admin).body("{\"plex_token\":\"" + plexToken() + "\"}").patch(source("missing")).then().statusCode(404);

        List<String> secrets = new ArrayList<>(plexTokens);
        secrets.add(admin);
        secrets.add(viewer);
        secrets.addAll(bearers);
        // The service logs little on these paths; a line of our own proves the capture sees the service's log.
        Logger.getLogger("dev.plexsrc.canary").info("canary");
        assertTrue(log.text().contains("canary"), "the capture is not attached to the service's log");
        for (String secret : secrets) {
            assertFalse(log.text().contains(secret), () -> "a log line holds a secret: " + log.lineWith(secret));
            // A JWT's signature alone identifies it too.
            String signature = secret.substring(secret.lastIndexOf('.') + 1);
            assertTrue(signature.length() < 20 || !log.text().contains(signature), () -> "a log line holds a token signature");
        }
        assertFalse(log.text().contains("Bearer "), () -> "a log line holds an Authorization value: " + log.lineWith("Bearer "));
        assertFalse(log.text().contains("Basic "), () -> "a log line holds an Authorization value: " + log.lineWith("Basic "));
    }

    /** Every way a redeem ends: linked, denied, token rejected, plex.tv failing, timing out or down. */
    @Test
    void noLogLineOfARedeemHoldsAPlexToken() {
        String owner = plexToken();
        String caller = plexToken();
        String rejected = plexToken();
        String failing = plexToken();
        String slow = plexToken();
        as(Tokens.admin()).body(minimalSource("Linked", "linked", owner)).post(SOURCES).then().statusCode(201);
        plexTv.reset();
        plexTv.account(owner, 1).friends(owner, 2).resources(owner).account(caller, 2).resources(caller)
                .answer(FakePlexTv.USER, failing, FakePlexTv.Answer.status(500))
                .answer(FakePlexTv.USER, slow, FakePlexTv.Answer.json("{\"id\":3}").after(Duration.ofSeconds(5)));
        String user = Tokens.user(9);

        redeem(user, caller).then().statusCode(204);
        redeem(user, caller).then().statusCode(204);
        plexTv.friends(owner);
        redeem(user, caller).then().statusCode(403);
        redeem(user, rejected).then().statusCode(400);
        redeem(user, failing).then().statusCode(502);
        redeem(user, slow).then().statusCode(502);
        plexTv.stop();
        try {
            redeem(user, caller).then().statusCode(502);
        } finally {
            plexTv.start();
        }

        Logger.getLogger("dev.plexsrc.canary").info("canary");
        assertTrue(log.text().contains("canary"), "the capture is not attached to the service's log");
        assertTrue(log.text().contains("plex.tv user: server_error"), "the redeem's failures were not logged at all");
        for (String secret : List.of(owner, caller, rejected, failing, slow, user)) {
            assertFalse(log.text().contains(secret), () -> "a log line holds a secret: " + log.lineWith(secret));
        }
        assertFalse(log.text().contains("X-Plex-Token"), () -> "a log line holds a plex.tv header: " + log.lineWith("X-Plex-Token"));
    }

    private static io.restassured.response.Response redeem(String bearer, String plexToken) {
        return as(bearer).queryParam("slug", "linked").body("{\"plex_token\":\"" + plexToken + "\"}")
                .post(SOURCES + "redeem_token_authenticated/");
    }

    private String plexToken() {
        String token = "PLEX-" + UUID.randomUUID();
        plexTokens.add(token);
        return token;
    }
}
