package dev.plexsrc.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.SocketHttpClient;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class RequestIdsTest {

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);
    private static final String UUID_V4 = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

    @Test
    void newIdsAreDistinctVersionFourUuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.newId();
            assertTrue(Pattern.matches(UUID_V4, id), id);
            ids.add(id);
        }
        assertEquals(10_000, ids.size());
    }

    @Test
    void everyAnswerCarriesAnId() {
        given().auth().oauth2(Tokens.admin()).get(Api.SOURCES).then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID_V4));
        given().auth().oauth2(Tokens.user(2)).get(Api.SOURCES).then().statusCode(403)
                .header("X-Request-Id", matchesPattern(UUID_V4));
    }

    @Test
    void aSaneIdFromTheCallerIsEchoed() {
        given().auth().oauth2(Tokens.admin()).header("X-Request-Id", "trace-42.a_b")
                .get(Api.SOURCES).then().statusCode(200).header("X-Request-Id", equalTo("trace-42.a_b"));
        given().auth().oauth2(Tokens.admin()).header("X-Request-Id", "not sane; <script>")
                .get(Api.SOURCES).then().statusCode(200).header("X-Request-Id", matchesPattern(UUID_V4));
    }

    /** Refusals answered before any REST code runs (RequestLimits) carry an id as every other answer does. */
    @Test
    void everyRequestLimitAnswerCarriesAnId() {
        given().auth().oauth2(Tokens.admin()).get(Api.source("s".repeat(8200))).then().statusCode(414)
                .header("X-Request-Id", matchesPattern(UUID_V4));
        given().header("X-Padding", "p".repeat(25_000)).get(Api.SOURCES).then().statusCode(431)
                .header("X-Request-Id", matchesPattern(UUID_V4));
        RequestSpecification manyHeaders = given();
        for (int i = 0; i < 100; i++) {
            manyHeaders = manyHeaders.header("X-Extra-" + i, "1");
        }
        manyHeaders.get(Api.SOURCES).then().statusCode(431).header("X-Request-Id", matchesPattern(UUID_V4));
        given().auth().oauth2(Tokens.admin()).body("{\"name\":\"" + "n".repeat(1_100_000) + "\"}").post(Api.SOURCES)
                .then().statusCode(413).header("X-Request-Id", matchesPattern(UUID_V4));
        given().auth().oauth2(Tokens.admin()).header("X-Request-Id", "limit-413").body("{\"name\":\"" + "n".repeat(1_100_000) + "\"}")
                .post(Api.SOURCES).then().statusCode(413).header("X-Request-Id", equalTo("limit-413"));
    }

    /** A chunked body past the limit fails into the limits' failure handler; a request with two framings is refused unread. */
    @Test
    void refusalsOfABodyReadOrUnframedCarryTheCallersId() throws IOException {
        String chunked = SocketHttpClient.untilClosed(RestAssured.port, CLOSE_WITHIN,
                head("POST", "Authorization: Bearer " + Tokens.admin(), "Content-Type: application/json",
                        "Transfer-Encoding: chunked", "X-Request-Id: chunked-413"),
                chunk(2_000_000), "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(chunked.startsWith("HTTP/1.1 413 "), chunked);
        assertEquals("chunked-413", headerOf(chunked, "x-request-id"));
        String unframed = SocketHttpClient.untilClosed(RestAssured.port, CLOSE_WITHIN,
                head("POST", "Content-Type: application/json", "Content-Length: 2", "Transfer-Encoding: chunked",
                        "X-Request-Id: unframed-400"));
        assertTrue(unframed.startsWith("HTTP/1.1 400 "), unframed);
        assertEquals("unframed-400", headerOf(unframed, "x-request-id"));
    }

    private static byte[] head(String method, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + Api.SOURCES + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunk(int size) {
        return (Integer.toHexString(size) + "\r\n" + "n".repeat(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The value of a header of a raw answer; null when it has none. */
    private static String headerOf(String answer, String name) {
        for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }
}
