package dev.plexsrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.Concurrently;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.Tokens;

/** The packaged application's own log, as an operator reads it. */
class LoggingIT {

    /** A line of the plain console format at WARN or ERROR, or a JVM warning on standard error. */
    private static final Pattern WARNING_LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d (WARN|ERROR) |WARNING)");

    /** Concurrent requests, so that the database pool opens several connections (each one registers its meters). */
    private static final int CONCURRENT_REQUESTS = 8;

    @Test
    void aDefaultStartAndItsFirstRequestsLogNoWarningOrError() throws Exception {
        try (PackagedApp app = PackagedApp.start("LoggingIT-default", Map.of())) {
            listSourcesConcurrently(app);
            String log = app.log();
            assertTrue(log.contains(" started in "), () -> "the start was not logged:\n" + log);
            List<String> warnings = log.lines().filter(line -> WARNING_LINE.matcher(line).find()).toList();
            assertEquals(List.of(), warnings);
        }
    }

    /** The prod overlay's logs: every line one JSON object, none of them a warning, no deprecated setting in use. */
    @Test
    void aStartWithJsonLogsLogsOnlyJsonAndNoWarningOrError() throws Exception {
        try (PackagedApp app = PackagedApp.start("LoggingIT-json", Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"))) {
            listSourcesConcurrently(app);
            List<JsonNode> lines = jsonLines(app.log());
            assertTrue(lines.stream().anyMatch(line -> line.get("message").asText().contains(" started in ")),
                    () -> "the start was not logged:\n" + app.log());
            List<String> warnings = lines.stream().filter(line -> List.of("WARN", "ERROR").contains(line.get("level").asText()))
                    .map(JsonNode::toString).toList();
            assertEquals(List.of(), warnings);
        }
    }

    private static void listSourcesConcurrently(PackagedApp app) throws Exception {
        HttpRequest list = HttpRequest.newBuilder(app.uri(Api.SOURCES))
                .header("Authorization", "Bearer " + Tokens.admin()).build();
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
