package dev.plexsrc.plextv;

import static dev.plexsrc.testing.FakePlexTv.server;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.FakePlexTv;
import dev.plexsrc.testing.FakePlexTv.Answer;
import dev.plexsrc.testing.FakePlexTv.Framing;
import dev.plexsrc.testing.FakePlexTv.Request;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;

/** The plex.tv calls as plex.tv sees them, how each kind of failure is told, and their metrics. */
@QuarkusTest
class PlexTvClientTest {

    private static final String TOKEN = "a-plex-token";
    private static final String CLIENT_ID = "source-client-identifier";

    FakePlexTv plexTv;

    @Inject
    PlexTvClient client;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void reset() {
        plexTv.reset();
    }

    @Test
    void everyCallCarriesTheTokenAndClientHeadersAndAsksForJson() {
        plexTv.account(TOKEN, 42).friends(TOKEN, 7).resources(TOKEN, server("srv", true));
        PlexTvClient.Conversation conversation = client.converse(CLIENT_ID);

        assertEquals(42L, conversation.account(TOKEN).await().atMost(Duration.ofSeconds(5)).id());
        assertEquals(List.of(new PlexAccount(7L)), conversation.friends(TOKEN).await().atMost(Duration.ofSeconds(5)));
        assertEquals(List.of(new PlexResource("srv", "server", true)),
                conversation.resources(TOKEN).await().atMost(Duration.ofSeconds(5)));

        List<Request> requests = plexTv.requests();
        assertEquals(List.of(FakePlexTv.USER, FakePlexTv.FRIENDS, FakePlexTv.RESOURCES),
                requests.stream().map(Request::path).toList());
        for (Request request : requests) {
            assertEquals(TOKEN, request.header("X-Plex-Token"));
            assertEquals(CLIENT_ID, request.header("X-Plex-Client-Identifier"));
            assertEquals("authentik", request.header("X-Plex-Product"));
            assertEquals("application/json", request.header("Accept"));
        }
        assertEquals(null, requests.get(0).query(), "a token or anything else in the query string");
        assertEquals("includeHttps=1&includeRelay=1", requests.get(2).query());
    }

    @Test
    void eachFailureIsToldApartAndCarriesNoToken() {
        plexTv.answer(FakePlexTv.USER, "token-a", Answer.status(401))
                .answer(FakePlexTv.USER, "token-b", Answer.status(404))
                .answer(FakePlexTv.USER, "token-c", Answer.status(502))
                .answer(FakePlexTv.USER, "token-d", Answer.json("{\"id\": [1, 2"))
                .answer(FakePlexTv.USER, "token-e", Answer.json("token-e"))
                .answer(FakePlexTv.USER, "token-f", Answer.json("{\"id\":1}").after(Duration.ofSeconds(5)));

        assertEquals(PlexTvOutcome.UNAUTHORIZED, outcomeOf("token-a"));
        assertEquals(PlexTvOutcome.CLIENT_ERROR, outcomeOf("token-b"));
        assertEquals(PlexTvOutcome.SERVER_ERROR, outcomeOf("token-c"));
        assertEquals(PlexTvOutcome.INVALID_RESPONSE, outcomeOf("token-d"));
        assertEquals(PlexTvOutcome.INVALID_RESPONSE, outcomeOf("token-e"));
        assertEquals(PlexTvOutcome.TIMEOUT, outcomeOf("token-f"));
        plexTv.stop();
        try {
            assertEquals(PlexTvOutcome.UNREACHABLE, outcomeOf("token-g"));
        } finally {
            plexTv.start();
        }
    }

    @Test
    void anAnswerPastOneMebibyteIsRefusedAsItArrivesHoweverItIsFramed() {
        long mebibyte = 1024 * 1024;
        plexTv.answer(FakePlexTv.USER, "exactly-the-bound", Answer.huge(mebibyte, Framing.CONTENT_LENGTH))
                .answer(FakePlexTv.USER, "declared", Answer.huge(mebibyte + 1, Framing.CONTENT_LENGTH))
                .answer(FakePlexTv.USER, "chunked", Answer.huge(mebibyte + 1, Framing.CHUNKED))
                .answer(FakePlexTv.USER, "endless", Answer.huge(Long.MAX_VALUE / 2, Framing.CHUNKED))
                .answer(FakePlexTv.USER, "bomb", Answer.gzipBomb(100 * mebibyte));
        Timer tooLarge = timer("user", "too_large");
        long refusedBefore = tooLarge.count();
        long started = System.nanoTime();

        assertEquals(1L, client.converse(CLIENT_ID).account("exactly-the-bound").await().atMost(Duration.ofSeconds(5)).id());
        assertEquals(PlexTvOutcome.TOO_LARGE, outcomeOf("declared"));
        assertEquals(PlexTvOutcome.TOO_LARGE, outcomeOf("chunked"));
        assertEquals(PlexTvOutcome.TOO_LARGE, outcomeOf("endless"));
        // Nothing compressed is asked for or inflated: a gzip answer is not what the endpoint answers.
        assertEquals(PlexTvOutcome.INVALID_RESPONSE, outcomeOf("bomb"));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertEquals(refusedBefore + 3, tooLarge.count());
        assertEquals("identity", plexTv.requests().get(0).header("Accept-Encoding"));
        assertTrue(millis < 2000, "five answers took " + millis + " ms, the plex.tv timeout is 2000 ms");
        System.out.printf("plex.tv answers: 1 MiB read, 1 MiB + 1 (declared, chunked), endless and a 100 MiB gzip bomb "
                + "refused; all five in %d ms%n", millis);
    }

    @Test
    void callsAreTimedByEndpointAndOutcome() {
        plexTv.account(TOKEN, 42).answer(FakePlexTv.FRIENDS, TOKEN, Answer.status(500));
        Timer success = timer("user", "success");
        Timer serverError = timer("friends", "server_error");
        long successes = success.count();
        long serverErrors = serverError.count();

        client.converse(CLIENT_ID).account(TOKEN).await().atMost(Duration.ofSeconds(5));
        assertThrows(PlexTvException.class, () -> client.converse(CLIENT_ID).friends(TOKEN).await().atMost(Duration.ofSeconds(5)));

        assertEquals(successes + 1, success.count());
        assertEquals(serverErrors + 1, serverError.count());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("plexsrc_plextv_requests_seconds_count{endpoint=\"friends\",outcome=\"server_error\"}"));
    }

    private PlexTvOutcome outcomeOf(String token) {
        PlexTvException failure = assertThrows(PlexTvException.class,
                () -> client.converse(CLIENT_ID).account(token).await().atMost(Duration.ofSeconds(10)));
        assertTrue(!failure.getMessage().contains(token), failure::getMessage);
        return failure.outcome();
    }

    private Timer timer(String endpoint, String outcome) {
        return Timer.builder("plexsrc.plextv.requests").tag("endpoint", endpoint).tag("outcome", outcome).register(registry);
    }
}
