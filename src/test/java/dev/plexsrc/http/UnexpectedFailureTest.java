package dev.plexsrc.http;

import static dev.plexsrc.testing.Api.sameJson;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A bug met by every request answers each with a bare 500 in the error shape and
 * logs one line each, with its stack trace once, not ~7 KB a request.
 */
@QuarkusTest
class UnexpectedFailureTest {

    private static final int CALLS = 25;

    @Test
    void aRepeatedFailureLogsOneStackTraceAndOneLineForEveryOtherCall() {
        List<CapturedLog.Line> logged;
        List<String> answerIds = new ArrayList<>();
        try (CapturedLog log = CapturedLog.attach()) {
            for (int i = 0; i < CALLS; i++) {
                answerIds.add(given().get("/test-only/failure").then().statusCode(500)
                        .contentType("application/json")
                        .body(sameJson("{\"detail\":\"Internal server error.\"}")).extract().header("X-Request-Id"));
            }
            logged = log.warningsAndErrors().toList();
        }
        assertEquals(CALLS, logged.size(), () -> "one line a call: " + logged);
        assertEquals(answerIds, logged.stream().map(line -> line.mdc().get("requestId")).toList(),
                "each line carries the id its answer carries");
        assertEquals(1, logged.stream().filter(CapturedLog.Line::stackTrace).count(), "stack traces");
        String kind = IllegalStateException.class.getName() + " at " + FailingResource.class.getName() + ".fail";
        for (CapturedLog.Line line : logged) {
            assertTrue(line.text().contains("a bug met by every request"), line::text);
            assertTrue(line.stackTrace() || line.text().contains(kind) && line.text().lines().count() == 1, line::text);
        }
        int summarized = logged.stream().filter(line -> !line.stackTrace()).mapToInt(line -> line.text().length()).max().orElse(0);
        System.out.printf("UnexpectedFailureTest: %d calls, 1 stack trace of %d chars, the other lines at most %d chars%n",
                CALLS, logged.stream().filter(CapturedLog.Line::stackTrace).findFirst().orElseThrow().text().length(), summarized);
    }
}
