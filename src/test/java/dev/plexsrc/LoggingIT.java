package dev.plexsrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.Concurrently;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.Tokens;

/**
 * The packaged application's own log, as an operator reads it. Each test stops the application
 * (SIGTERM) before it reads the log, so that every line is complete and nothing is still to come.
 */
class LoggingIT {

    /** A line of the plain console format at WARN or ERROR, or a JVM warning on standard error. */
    private static final Pattern WARNING_LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d (WARN|ERROR) |WARNING)");
    /** A plain access line of an API request, after the time, level, logger, thread and request id. */
    private static final Pattern API_ACCESS_LINE = Pattern.compile(
            "^\\d\\d:\\d\\d:\\d\\d INFO  \\[de\\.pl\\.ht\\.AccessLog\\] \\(\\S+\\) [0-9a-f-]{36} "
                    + "GET /api/v3/sources/plex/ 200 \\d+ ms$");
    private static final String ACCESS_LOGGER = "dev.plexsrc.http.AccessLog";
    /** Concurrent requests, so that the database pool opens several connections (each one registers its meters). */
    private static final int CONCURRENT_REQUESTS = 8;

    @Test
    void aDefaultStartAndItsFirstRequestsLogNoWarningOrErrorAndEachRequestOnce() throws Exception {
        String log = logOf("LoggingIT-default", Map.of(), app -> listSourcesConcurrently(app, Tokens.admin()));

        assertTrue(log.contains(" started in "), () -> "the start was not logged:\n" + log);
        assertEquals(List.of(), log.lines().filter(line -> WARNING_LINE.matcher(line).find()).toList());
        assertEquals(CONCURRENT_REQUESTS, log.lines().filter(line -> API_ACCESS_LINE.matcher(line).matches()).count(), log);
        // PackagedApp polled readiness until the application was ready.
        assertFalse(log.contains("/q/health"), () -> "a health probe was logged:\n" + log);
    }

    /** The prod overlay's logs: every line one JSON object, none of them a warning, no deprecated setting in use. */
    @Test
    void aStartWithJsonLogsLogsOnlyJsonAndNoWarningOrError() throws Exception {
        List<JsonNode> lines = jsonLines(logOf("LoggingIT-json", Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"),
                app -> listSourcesConcurrently(app, Tokens.admin())));

        assertTrue(lines.stream().anyMatch(line -> line.get("message").asText().contains(" started in ")), lines::toString);
        assertEquals(List.of(), lines.stream().filter(line -> List.of("WARN", "ERROR").contains(line.get("level").asText()))
                .map(JsonNode::toString).toList());
    }

    /** In JSON logs the access line's parts are fields; an empty exclude pattern logs the health probes too. */
    @Test
    void jsonAccessLinesHoldTheirPartsAsFieldsAndNeverTheToken() throws Exception {
        String token = Tokens.admin();
        String log = logOf("LoggingIT-json-access", Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true",
                "PLEXSRC_HTTP_ACCESS_LOG_EXCLUDE_PATTERN", ""), app -> {
                    HttpResponse<String> answer = Concurrently.send(List.of(request(app, token, "json-access-1"),
                            request(app, token, "json-access-2"))).get(0);
                    assertEquals("json-access-1", answer.headers().firstValue("X-Request-Id").orElseThrow());
                });
        List<JsonNode> access = jsonLines(log).stream()
                .filter(line -> line.get("loggerName").asText().equals(ACCESS_LOGGER)).toList();

        JsonNode first = access.stream().filter(line -> line.get("mdc").get("requestId").asText().equals("json-access-1"))
                .findFirst().orElseThrow(() -> new AssertionError("no access line of json-access-1 in " + access));
        assertEquals("INFO", first.get("level").asText());
        assertEquals("GET /api/v3/sources/plex/ 200 " + first.get("mdc").get("durationMs").asText() + " ms",
                first.get("message").asText());
        Map<String, String> fields = new HashMap<>();
        first.get("mdc").fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        assertEquals(Map.of("requestId", "json-access-1", "method", "GET", "path", "/api/v3/sources/plex/",
                "status", "200", "durationMs", fields.get("durationMs")), fields);
        assertTrue(fields.get("durationMs").matches("\\d+"), fields::toString);
        assertTrue(access.stream().anyMatch(line -> line.get("mdc").get("path").asText().equals("/q/health/ready")),
                () -> "no health probe logged with an empty exclude pattern: " + access);
        assertFalse(log.contains(token), "the log holds the bearer token");
        assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), "the log holds the token's signature");
    }

    @Test
    void theAccessLogCanBeTurnedOff() throws Exception {
        String log = logOf("LoggingIT-no-access", Map.of("PLEXSRC_HTTP_ACCESS_LOG_ENABLED", "false"),
                app -> listSourcesConcurrently(app, Tokens.admin()));

        assertTrue(log.contains("plexsrc stopped"), log);
        assertFalse(log.contains("AccessLog"), () -> "an access line with the access log off:\n" + log);
    }

    /** The troubleshooting switch for a 401: the security category at DEBUG, set at run time. */
    @Test
    void aRejectedTokenIsLoggedWithItsReasonOnceSecurityIsAtDebug() throws Exception {
        String expired = Tokens.expired();
        String log = logOf("LoggingIT-rejected", Map.of("QUARKUS_LOG_CATEGORY__DEV_PLEXSRC_SECURITY__LEVEL", "DEBUG"),
                app -> {
                    HttpRequest request = HttpRequest.newBuilder(app.uri(Api.SOURCES))
                            .header("Authorization", "Bearer " + expired).header("X-Request-Id", "rejected-1").build();
                    HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                    assertEquals(401, answer.statusCode());
                });

        assertTrue(Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d DEBUG \\[de\\.pl\\.se\\.TokenRejections\\] \\(\\S+\\) rejected-1 "
                + "bearer token rejected: expired: ").matcher(log).find(), log);
        assertFalse(log.contains(expired.substring(expired.lastIndexOf('.') + 1)), "the log holds the token's signature");
    }

    /** What the application logged from its start through {@code use} to its exit on SIGTERM. */
    private static String logOf(String name, Map<String, String> settings, Use use) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.put("PLEXSRC_SHUTDOWN_DELAY", "0s");
        try (PackagedApp app = PackagedApp.start(name, all)) {
            use.with(app);
            app.process().destroy();
            assertTrue(app.process().waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
            return app.log();
        }
    }

    private interface Use {
        void with(PackagedApp app) throws Exception;
    }

    private static HttpRequest request(PackagedApp app, String token, String requestId) {
        return HttpRequest.newBuilder(app.uri(Api.SOURCES)).header("Authorization", "Bearer " + token)
                .header("X-Request-Id", requestId).build();
    }

    private static void listSourcesConcurrently(PackagedApp app, String token) throws Exception {
        HttpRequest list = HttpRequest.newBuilder(app.uri(Api.SOURCES)).header("Authorization", "Bearer " + token).build();
        for (HttpResponse<String> answer : Concurrently.send(Collections.nCopies(CONCURRENT_REQUESTS, list))) {
            assertEquals(200, answer.statusCode(), answer::body);
        }
    }

    private static List<JsonNode> jsonLines(String log) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.lines().toList()) {
            assertTrue(line.startsWith("{"), () -> "not a JSON line: " + line);
            lines.add(Api.parse(line));
        }
        return lines;
    }
}
