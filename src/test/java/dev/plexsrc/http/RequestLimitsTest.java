package dev.plexsrc.http;

import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.sameJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.CapturedLog;
import dev.plexsrc.testing.SocketHttpClient;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests past the size limits get a JSON error in authentik's shape, not the HTTP layer's empty answer. */
@QuarkusTest
class RequestLimitsTest {

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    @Test
    void aUriOverTheLimitIs414() {
        asAdmin().get(Api.source("s".repeat(8200))).then().statusCode(414)
                .contentType("application/json").body(sameJson("{\"detail\":\"Request URI is too long.\"}"));
        asAdmin().queryParam("search", "q".repeat(9000)).get(SOURCES).then().statusCode(414);
    }

    @Test
    void aUriJustUnderTheLimitIsServed() {
        asAdmin().get(Api.source("s".repeat(8000))).then().statusCode(404).body(sameJson(Api.NOT_FOUND));
    }

    @Test
    void headersOverTheLimitAre431() {
        given().header("X-Padding", "p".repeat(25_000)).get(SOURCES).then().statusCode(431)
                .contentType("application/json").body(sameJson("{\"detail\":\"Request header fields are too large.\"}"));
        given().auth().oauth2("a".repeat(30_000)).get(SOURCES).then().statusCode(431);
    }

    @Test
    void tooManyHeadersAre431() {
        RequestSpecification request = asAdmin();
        for (int i = 0; i < 100; i++) {
            request = request.header("X-Extra-" + i, "1");
        }
        request.get(SOURCES).then().statusCode(431).body("detail", equalTo("Request header fields are too large."));
    }

    @Test
    void aLongTokenUnderTheLimitIsJudgedAsAToken() {
        given().auth().oauth2("a".repeat(19_000)).get(SOURCES).then().statusCode(401)
                .body(sameJson("{\"detail\":\"Token invalid/expired\"}"));
    }

    /**
     * A chunked body (no length declared) past the limit used to get the REST
     * layer's empty 413, and leave a false "database unreachable" WARN and an ERROR with a stack
     * trace in the log.
     */
    @Test
    void aChunkedBodyOverTheLimitIs413InTheErrorShapeClosesAndLogsNothing() throws IOException {
        List<byte[]> request = new ArrayList<>();
        request.add(head("POST", SOURCES, "Authorization: Bearer " + Tokens.admin(), "Content-Type: application/json",
                "Transfer-Encoding: chunked"));
        request.add(chunk("{\"slug\":\"chunked\",\"plex_token\":\"t\",\"name\":\""));
        for (int i = 0; i < 17; i++) {
            request.add(chunk("n".repeat(65_536)));
        }
        request.add(chunk("\"}"));
        request.add(LAST_CHUNK);
        String answer;
        List<CapturedLog.Line> logged;
        try (CapturedLog log = CapturedLog.attach()) {
            answer = SocketHttpClient.untilClosed(RestAssured.port, CLOSE_WITHIN, request.toArray(byte[][]::new));
            logged = log.warningsAndErrors().toList();
        }
        assertAnswer(answer, "413 Request Entity Too Large", "{\"detail\":\"Request body is too large.\"}");
        assertEquals(List.of(), logged);
        assertEquals("0", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    @Test
    void aChunkedBodyUnderTheLimitIsServed() throws IOException {
        String answer = SocketHttpClient.untilClosed(RestAssured.port, CLOSE_WITHIN,
                head("POST", SOURCES, "Authorization: Bearer " + Tokens.admin(), "Content-Type: application/json",
                        "Transfer-Encoding: chunked", "Connection: close"),
                chunk("{\"name\":\"Chunked\",\"slug\":\"chunked\","), chunk("\"plex_token\":\"t\"}"), LAST_CHUNK);
        assertTrue(answer.startsWith("HTTP/1.1 201 "), answer);
        assertEquals("Chunked", Tables.queryString("SELECT name FROM plex_source WHERE slug = 'chunked'"));
    }

    /** A refused request's connection is closed once the answer is out and the request has come to its end. */
    @Test
    void refusedRequestsCloseTheirConnection() throws IOException {
        byte[] body = ("{\"name\":\"" + "n".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String declaredTooLarge = SocketHttpClient.untilClosed(RestAssured.port, CLOSE_WITHIN, head("POST", SOURCES,
                "Authorization: Bearer " + Tokens.admin(), "Content-Type: application/json",
                "Content-Length: " + body.length), body);
        assertAnswer(declaredTooLarge, "413 Request Entity Too Large", "{\"detail\":\"Request body is too large.\"}");
        String headersTooLarge = SocketHttpClient.untilClosed(RestAssured.port, CLOSE_WITHIN,
                head("GET", SOURCES, "X-Padding: " + "p".repeat(25_000)));
        assertAnswer(headersTooLarge, "431 Request Header Fields Too Large",
                "{\"detail\":\"Request header fields are too large.\"}");
    }

    /**
     * What the HTTP layer refuses before any code of ours runs (a request line or header it cannot
     * parse, which closes the connection; a path that does not decode) is a bare 400: Quarkus
     * offers no hook there (docs/api.md, where the request limits are described).
     */
    @Test
    void requestsTheHttpLayerCannotParseAre400() throws IOException {
        for (String request : List.of("GARBAGE\r\n\r\n", "GET " + SOURCES + " HTTP/1.1\r\nHost x\r\n\r\n",
                "GET " + SOURCES + "%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
            String answer = SocketHttpClient.untilClosed(RestAssured.port, CLOSE_WITHIN, request.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(answer.matches("(?s)HTTP/1\\.[01] 400 .*"), () -> request + " -> " + answer);
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413AndCreatesNothing() {
        asAdmin().body("{\"name\":\"" + "n".repeat(1_100_000) + "\",\"slug\":\"big\",\"plex_token\":\"t\"}").post(SOURCES)
                .then().statusCode(413).body(sameJson("{\"detail\":\"Request body is too large.\"}"));
        given().get("/q/health/live").then().statusCode(200);
        assertEquals("0", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    private static byte[] head(String method, String path, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunk(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        chunk.writeBytes(bytes);
        chunk.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return chunk.toByteArray();
    }

    /** A whole answer: the status, JSON, Connection: close, and exactly {@code body}. */
    private static void assertAnswer(String answer, String status, String body) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status + "\r\n"), answer);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertTrue(head.contains("\r\ncontent-type: application/json"), answer);
        assertTrue(head.contains("\r\nconnection: close"), answer);
        assertEquals(body, answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }
}
