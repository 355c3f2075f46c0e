package dev.plexsrc.http;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.CapturedLog;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** One INFO line per request once it is over, with its id, and the same as MDC fields: never a query or a header. */
@QuarkusTest
class AccessLogTest {

    private static final String LOGGER = AccessLog.class.getName();
    private static final Duration LOGGED_WITHIN = Duration.ofSeconds(10);

    @Test
    void aRequestIsLoggedWithItsIdMethodPathStatusAndDuration() {
        String token = Tokens.admin();
        try (CapturedLog log = CapturedLog.attach()) {
            given().auth().oauth2(token).header("X-Request-Id", "access-200").queryParam("search", "query-text")
                    .get(Api.SOURCES).then().statusCode(200);
            CapturedLog.Line line = accessLine(log, "access-200");

            assertEquals(Level.INFO, line.level());
            assertTrue(line.text().matches(LOGGER + " INFO GET /api/v3/sources/plex/ 200 \\d+ ms"), line.text());
            assertEquals(Map.of("requestId", "access-200", "method", "GET", "path", "/api/v3/sources/plex/",
                    "status", "200", "durationMs", line.mdc().get("durationMs")), line.mdc());
            assertTrue(line.mdc().get("durationMs").matches("\\d+"), line.mdc()::toString);
            for (String secret : List.of(token, "Bearer", "query-text", "search")) {
                assertFalse(line.toString().contains(secret), () -> "the access line holds " + secret + ": " + line);
            }
        }
    }

    @Test
    void answersOfEveryKindAreLogged() {
        try (CapturedLog log = CapturedLog.attach()) {
            given().header("X-Request-Id", "access-401").get(Api.SOURCES).then().statusCode(401);
            given().auth().oauth2(Tokens.admin()).header("X-Request-Id", "access-404").delete(Api.source("missing"))
                    .then().statusCode(404);
            given().header("X-Request-Id", "access-431").header("X-Padding", "p".repeat(25_000)).get(Api.SOURCES)
                    .then().statusCode(431);

            assertEquals(List.of("GET 401", "DELETE 404", "GET 431"), List.of("access-401", "access-404", "access-431")
                    .stream().map(id -> accessLine(log, id).mdc()).map(mdc -> mdc.get("method") + " " + mdc.get("status"))
                    .toList());
        }
    }

    /** A refused URI is logged by its start only: a client cannot make one line as long as it likes. */
    @Test
    void aPathPastTheLimitIsLoggedByItsStart() {
        String slug = "s".repeat(9000);
        try (CapturedLog log = CapturedLog.attach()) {
            given().header("X-Request-Id", "access-414").get(Api.source(slug)).then().statusCode(414);
            String path = accessLine(log, "access-414").mdc().get("path");

            assertEquals(Api.source(slug).substring(0, AccessLog.MAX_PATH) + "...", path);
        }
    }

    @Test
    void healthProbesAndMetricScrapesAreNotLogged() {
        try (CapturedLog log = CapturedLog.attach()) {
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/q/metrics").then().statusCode(200);
            // Logged after the two above are over: once it is there, theirs would be too.
            given().header("X-Request-Id", "access-after-probes").get("/q/openapi").then().statusCode(200);
            accessLine(log, "access-after-probes");

            assertEquals(List.of("/q/openapi"), log.lines().stream().filter(line -> line.logger().equals(LOGGER))
                    .map(line -> line.mdc().get("path")).toList());
        }
    }

    private static CapturedLog.Line accessLine(CapturedLog log, String requestId) {
        return await("the access line of " + requestId).atMost(LOGGED_WITHIN).until(() -> log.lines().stream()
                .filter(line -> line.logger().equals(LOGGER) && requestId.equals(line.mdc().get("requestId")))
                .findFirst().orElse(null), line -> line != null);
    }
}
