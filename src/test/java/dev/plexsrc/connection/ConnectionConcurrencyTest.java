package dev.plexsrc.connection;

import static dev.plexsrc.connection.Connections.GROUPS;
import static dev.plexsrc.connection.Connections.GROUP_DUPLICATE;
import static dev.plexsrc.connection.Connections.USERS;
import static dev.plexsrc.connection.Connections.USER_DUPLICATE;
import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import dev.plexsrc.encryption.TokenCipher;
import dev.plexsrc.encryption.TokenTable;
import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.Concurrently;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Of N concurrent creates of one (user|group, source), exactly one gets 201, the rest 400. */
@QuarkusTest
class ConnectionConcurrencyTest {

    private static final int CALLERS = 20;
    private static final String GROUP = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

    /** Rounds of two PATCHes at once; before the fix about half the rounds lost one of the two. */
    private static final int PATCH_ROUNDS = 10;

    @Inject
    TokenCipher cipher;

    private String sourcePk;

    @BeforeEach
    void oneSource() {
        Connections.truncate();
        sourcePk = createSource("race").get("pk").asText();
    }

    /** Repeated because a lost race shows only in some interleavings. */
    @RepeatedTest(3)
    void concurrentUserConnectionCreatesGiveExactlyOne() throws Exception {
        // half name the source by pk, half by slug: still one source
        List<HttpResponse<String>> responses = postConcurrently(USERS, i -> body("identifier", "racer-" + i,
                "plex_token", "token-" + i, "source", i % 2 == 0 ? sourcePk : "race", "user", 5));
        assertOneCreated(responses, USER_DUPLICATE);
        assertEquals("1", Tables.queryString("SELECT count(*) FROM user_plex_source_connection"));
    }

    @RepeatedTest(3)
    void concurrentGroupConnectionCreatesGiveExactlyOne() throws Exception {
        List<HttpResponse<String>> responses = postConcurrently(GROUPS, i -> body("group", GROUP,
                "source", i % 2 == 0 ? sourcePk : "race", "identifier", "racer-" + i));
        assertOneCreated(responses, GROUP_DUPLICATE);
        assertEquals("1", Tables.queryString("SELECT count(*) FROM group_plex_source_connection"));
    }

    /**
     * Creates racing the delete of their source answer 201 (and are deleted with it) or
     * 400 naming the source, never 500, whichever way the foreign key check and the delete interleave.
     */
    @RepeatedTest(3)
    void connectionCreatesRacingTheDeleteOfTheirSourceNeverFail() throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            requests.add(post(USERS, body("identifier", "racer-" + i, "plex_token", "t", "source", sourcePk, "user", i + 1)));
        }
        requests.add(CALLERS / 2, authorized(URI.create(base() + Api.source("race"))).DELETE().build());
        List<HttpResponse<String>> responses = Concurrently.send(requests);
        String gone = "{\"source\":[\"Invalid pk \\\"" + sourcePk + "\\\" - object does not exist.\"]}";
        for (HttpResponse<String> response : responses) {
            if (response.request().method().equals("DELETE")) {
                assertEquals(204, response.statusCode(), response::body);
            } else if (response.statusCode() != 201) {
                assertEquals(400, response.statusCode(), response::body);
                assertEquals(parse(gone), parse(response.body()));
            }
        }
        assertEquals("0", Tables.queryString("SELECT count(*) FROM user_plex_source_connection"));
    }

    /**
     * A PATCH of the identifier and one of the token of one user connection, sent at
     * once, both stick (each PATCH writes only its own columns), in every round.
     */
    @Test
    void concurrentPatchesOfDifferentFieldsOfAUserConnectionAllStick() throws Exception {
        int pk = Connections.createUser("race", 5, "plex-0", "token-0").get("pk").asInt();
        URI connection = URI.create(base() + Connections.user(pk));
        for (int round = 1; round <= PATCH_ROUNDS; round++) {
            List<HttpResponse<String>> responses = Concurrently.send(List.of(
                    patch(connection, body("identifier", "plex-" + round)),
                    patch(connection, body("plex_token", "token-" + round))));
            responses.forEach(response -> assertEquals(200, response.statusCode(), response::body));
            String where = " FROM user_plex_source_connection WHERE id = " + pk;
            assertEquals("plex-" + round, Tables.queryString("SELECT identifier" + where), "identifier, round " + round);
            assertEquals("token-" + round, cipher.decrypt(Tables.queryString("SELECT plex_token" + where),
                    TokenTable.USER_CONNECTION.row(pk)), "plex_token, round " + round);
        }
    }

    private static void assertOneCreated(List<HttpResponse<String>> responses, String duplicate) {
        var statuses = responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 400, (long) (CALLERS - 1)), statuses,
                () -> "statuses " + statuses + ", bodies " + responses.stream().map(HttpResponse::body).toList());
        responses.stream().filter(response -> response.statusCode() == 400).map(HttpResponse::body)
                .forEach(body -> assertEquals(parse(duplicate), parse(body), body));
    }

    /** Sends {@link #CALLERS} POSTs, all released at once by a latch. */
    private static List<HttpResponse<String>> postConcurrently(String path, IntFunction<String> body) throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            requests.add(post(path, body.apply(i)));
        }
        return Concurrently.send(requests);
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + Tokens.admin());
    }

    private static HttpRequest patch(URI uri, String body) {
        return authorized(uri).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest post(String path, String body) {
        return authorized(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

}
