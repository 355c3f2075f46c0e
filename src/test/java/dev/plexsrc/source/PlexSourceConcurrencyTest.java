package dev.plexsrc.source;

import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlexSourceConcurrencyTest {

    private static final int CALLERS = 20;
    private static final String DUPLICATE_SLUG = "{\"slug\":[\"source with this slug already exists.\"]}";

    @TestHTTPResource("/api/v3/sources/plex/")
    URI sources;

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    /** Repeated because a lost race shows only in some interleavings. */
    @RepeatedTest(5)
    void concurrentCreatesWithOneSlugGiveExactlyOneSource() throws Exception {
        List<HttpResponse<String>> responses = createConcurrently("race");

        var statuses = responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 400, (long) (CALLERS - 1)), statuses,
                () -> "statuses " + statuses + ", bodies " + responses.stream().map(HttpResponse::body).toList());
        responses.stream().filter(response -> response.statusCode() == 400).map(HttpResponse::body)
                .forEach(body -> assertEquals(parse(DUPLICATE_SLUG), parse(body), body));
        assertEquals("1", Tables.queryString("SELECT count(*) FROM plex_source WHERE slug = 'race'"));
    }

    /** Sends {@link #CALLERS} creates with one slug, all released at once by a latch. */
    private List<HttpResponse<String>> createConcurrently(String slug) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = Tokens.admin();
        CountDownLatch ready = new CountDownLatch(CALLERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                HttpRequest request = HttpRequest.newBuilder(sources)
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(minimalSource("Racer " + i, slug, "t" + i)))
                        .build();
                pending.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "all callers ready");
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : pending) {
                responses.add(future.get(90, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
